import {
  GUARDIAN_CONSENT_STATES,
  GuardianConsentState,
  GuardianConsentView,
  PlacementView,
} from '@app/placements';
import { PLACEMENT_STATUSES, PlacementStatus } from '@app/database';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { NamedRef } from '../http/named-ref.response';
import { PageOf } from '../http/page-response';
import { SlotContactResponse } from '../slots/slot.response';

export class PlacementSlotResponse {
  @ApiProperty()
  title!: string;

  @ApiProperty({ format: 'date', description: "The slot's first day" })
  startsOn!: string;

  @ApiProperty({ format: 'date', description: "The slot's last day" })
  endsOn!: string;

  @ApiProperty({ description: 'Where the intern goes: the address, or empty' })
  site!: string;

  @ApiProperty({ type: SlotContactResponse, description: 'Whom the intern contacts at the host' })
  contact!: SlotContactResponse;

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

export class GuardianContactResponse {
  @ApiProperty()
  name!: string;

  @ApiProperty({ format: 'email' })
  email!: string;
}

/** The latest request to the guardian of a student under 18. */
export class GuardianConsentResponse implements GuardianConsentView {
  @ApiProperty({
    enum: GUARDIAN_CONSENT_STATES,
    description: 'awaiting the guardian, confirmed, refused, or expired at the deadline',
  })
  state!: GuardianConsentState;

  @ApiProperty({ type: String, format: 'date-time' })
  requestedAt!: Date;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  answeredAt!: Date | null;

  @ApiPropertyOptional({
    type: GuardianContactResponse,
    description: 'Only the student sees whom they named',
  })
  guardian?: GuardianContactResponse;
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

  @ApiProperty({
    enum: PLACEMENT_STATUSES,
    description:
      'awaiting_guardian: accepted by a student under 18, the seat held until the guardian consents',
  })
  status!: PlacementStatus;

  @ApiProperty({
    description:
      'An open offer or a place (offered, awaiting_guardian, accepted, confirmed): its student takes part in no further round',
  })
  active!: boolean;

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

  @ApiPropertyOptional({
    type: GuardianConsentResponse,
    nullable: true,
    description: 'Students, coordinators and admins; null when no guardian has been asked',
  })
  guardianConsent?: GuardianConsentResponse | null;

  @ApiProperty({ type: PlacementSlotResponse })
  slot!: PlacementSlotResponse;

  @ApiPropertyOptional({ type: PlacementStudentResponse, description: 'Everyone but students' })
  student?: PlacementStudentResponse;
}

export const PlacementPage = PageOf(PlacementResponse, 'PlacementPage');
