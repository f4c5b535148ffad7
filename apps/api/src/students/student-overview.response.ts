import { PLACEMENT_STATUSES, PlacementStatus, ROUND_STATUSES, RoundStatus } from '@app/database';
import { OverviewPlacement, OverviewRound, OverviewSlot, StudentOverview } from '@app/placements';
import { ROUND_STANDINGS, RoundStanding } from '@app/rounds';
import { ApiProperty } from '@nestjs/swagger';
import { NamedRef } from '../http/named-ref.response';
import { StudentResponse } from './student.response';

export class OverviewSlotResponse implements OverviewSlot {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty({ type: NamedRef, description: 'The host' })
  organisation!: NamedRef;
}

export class OverviewPreferenceResponse {
  @ApiProperty({ minimum: 1, maximum: 10 })
  rank!: number;

  @ApiProperty({ type: OverviewSlotResponse })
  slot!: OverviewSlotResponse;
}

export class OverviewPlacementResponse implements OverviewPlacement {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: PLACEMENT_STATUSES })
  status!: PlacementStatus;

  @ApiProperty({ type: OverviewSlotResponse })
  slot!: OverviewSlotResponse;

  @ApiProperty({ format: 'date-time' })
  offeredAt!: string;

  @ApiProperty({ format: 'date-time', description: 'Answer before this moment' })
  deadline!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  answeredAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  confirmedAt!: string | null;
}

export class OverviewRoundRefResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: ROUND_STATUSES })
  status!: RoundStatus;

  @ApiProperty({ format: 'date-time' })
  preferencesCloseAt!: string;
}

export class OverviewRoundResponse implements OverviewRound {
  @ApiProperty({ type: OverviewRoundRefResponse })
  round!: OverviewRoundRefResponse;

  @ApiProperty({
    enum: ROUND_STANDINGS,
    description:
      'Where the student stands, as the reports count them; coordinators learn the result once the round is published',
  })
  standing!: RoundStanding;

  @ApiProperty({ minimum: 0, maximum: 10 })
  rankedCount!: number;

  @ApiProperty({
    type: [OverviewPreferenceResponse],
    nullable: true,
    description: 'Which slots, in order: admins only (coordinators: null, see rankedCount)',
  })
  preferences!: OverviewPreferenceResponse[] | null;

  @ApiProperty({ type: OverviewPlacementResponse, nullable: true })
  placement!: OverviewPlacementResponse | null;
}

export class OverviewInvitationResponse {
  @ApiProperty({ description: 'The student has set a password' })
  accepted!: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastSentAt!: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'The latest expiry of an unused invitation',
  })
  expiresAt!: string | null;
}

export class StudentOverviewResponse implements StudentOverview {
  @ApiProperty({ type: StudentResponse })
  student!: StudentResponse;

  @ApiProperty({ type: OverviewInvitationResponse })
  invitation!: OverviewInvitationResponse;

  @ApiProperty({
    type: [OverviewRoundResponse],
    description: 'Newest first: every round the student took part in, and any open round',
  })
  rounds!: OverviewRoundResponse[];
}
