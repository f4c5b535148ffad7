import { FOCUS_AREAS, LANGUAGES } from '@app/organisations';
import { SLOT_STATUSES, SlotStatus } from '@app/database';
import { INELIGIBILITY_CODES, IneligibilityCode, SlotContact, SlotView } from '@app/slots';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { NamedRef } from '../http/named-ref.response';
import { PageOf } from '../http/page-response';

/** Whom an intern contacts at the host; empty strings until the host names someone. */
export class SlotContactResponse implements SlotContact {
  @ApiProperty({ maxLength: 200 })
  name!: string;

  @ApiProperty({ maxLength: 254, description: 'An e-mail address, or empty' })
  email!: string;

  @ApiProperty({ maxLength: 40 })
  phone!: string;
}

export class SlotResponse implements SlotView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: NamedRef, description: 'The host: an employer or public body' })
  organisation!: NamedRef;

  @ApiProperty()
  title!: string;

  @ApiProperty()
  description!: string;

  @ApiProperty({ enum: FOCUS_AREAS })
  focusArea!: string;

  @ApiProperty({ type: [NamedRef], description: 'Eligible programmes; empty means all' })
  programmes!: NamedRef[];

  @ApiProperty({ type: [String] })
  skills!: string[];

  @ApiProperty({ enum: LANGUAGES, nullable: true, type: String })
  language!: string | null;

  @ApiProperty({ nullable: true, type: Number })
  minAge!: number | null;

  @ApiProperty({ format: 'date' })
  startsOn!: string;

  @ApiProperty({ format: 'date' })
  endsOn!: string;

  @ApiProperty({ minimum: 1 })
  capacity!: number;

  @ApiProperty({ description: 'Where the intern goes: the address' })
  site!: string;

  @ApiProperty({ type: SlotContactResponse, description: 'Whom the intern contacts at the host' })
  contact!: SlotContactResponse;

  @ApiProperty({ enum: SLOT_STATUSES })
  status!: SlotStatus;

  @ApiPropertyOptional({ description: 'Students: whether they may take the slot' })
  eligible?: boolean;

  @ApiPropertyOptional({ enum: INELIGIBILITY_CODES, isArray: true })
  reasons?: IneligibilityCode[];

  @ApiPropertyOptional({ type: [String], description: 'The reasons as English sentences' })
  reasonMessages?: string[];
}

export const SlotPage = PageOf(SlotResponse, 'SlotPage');

export class ImportedSlots {
  @ApiProperty({ type: [SlotResponse], description: 'In the order of the rows' })
  created!: SlotResponse[];
}
