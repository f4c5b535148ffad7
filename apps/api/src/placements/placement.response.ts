import { PLACEMENT_STATUSES, PlacementStatus, PlacementView } from '@app/placements';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { NamedRef } from '../http/named-ref.response';
import { PageOf } from '../http/page-response';

export class PlacementSlotResponse {
  @ApiProperty()
  title!: string;

  @ApiProperty({ type: NamedRef })
  organisation!: NamedRef;
}

export class PlacementStudentResponse {
  @ApiProperty()
  fullName!: string;

  @ApiProperty({
    type: String,
    format: 'email',
    nullable: true,
    description: 'Reviewers see it once the offer is accepted',
  })
  email!: string | null;
}

/** An offer to a student and, once accepted and confirmed, the placement it became. */
export class PlacementResponse implements PlacementView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  roundId!: string;

  @ApiProperty({ format: 'uuid' })
  studentId!: string;

  @ApiProperty({ format: 'uuid' })
  slotId!: string;

  @ApiProperty({ enum: PLACEMENT_STATUSES })
  status!: PlacementStatus;

  @ApiProperty({ type: String, format: 'date-time' })
  offeredAt!: Date;

  @ApiProperty({ type: String, format: 'date-time', description: 'Answer before this moment' })
  deadlineAt!: Date;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  answeredAt!: Date | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  confirmedAt!: Date | null;

  @ApiProperty({ description: "Under 18 on the slot's first day: accepting needs a guardian" })
  needsGuardianConsent!: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  guardianConsentAt!: Date | null;

  @ApiProperty({ type: PlacementSlotResponse })
  slot!: PlacementSlotResponse;

  @ApiPropertyOptional({ type: PlacementStudentResponse, description: 'Everyone but students' })
  student?: PlacementStudentResponse;
}

export const PlacementPage = PageOf(PlacementResponse, 'PlacementPage');
