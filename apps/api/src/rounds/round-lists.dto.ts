import {
  LEFT_OUT_REASONS,
  LeftOutReason,
  LeftOutSlot,
  PREFERENCE_STATUSES,
  PreferenceStatus,
  ROUND_STANDINGS,
  RoundSlotView,
  RoundStanding,
  StudentPreferenceStatus,
} from '@app/rounds';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQuery } from '../http/page-query.dto';
import { PageOf } from '../http/page-response';
import { SlotResponse } from '../slots/slot.response';

export class RoundStudentsQuery extends PageQuery {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Admins: one school. Coordinators see their own school only',
  })
  @IsOptional()
  @IsUUID('all')
  schoolId?: string;

  @ApiPropertyOptional({ enum: PREFERENCE_STATUSES })
  @IsOptional()
  @IsIn(PREFERENCE_STATUSES)
  status?: PreferenceStatus;
}

export class RoundSlotResponse extends SlotResponse implements RoundSlotView {
  @ApiProperty({ minimum: 1, description: 'Seats the slot brought into the round' })
  seats!: number;
}

export const RoundSlotPage = PageOf(RoundSlotResponse, 'RoundSlotPage');

export class LeftOutSlotResponse implements LeftOutSlot {
  @ApiProperty({ format: 'uuid' })
  slotId!: string;

  @ApiProperty({
    enum: LEFT_OUT_REASONS,
    description:
      'not_eligible: not for you (see eligibility); closed; ends_before_close: ends before preferences close; no_free_seats: every seat is held by an accepted placement or an open offer; posted_later: posted after the round opened, with no free seat; seats_freed_later: no free seat when the round opened, one came free since',
  })
  reason!: LeftOutReason;

  @ApiProperty({
    type: [String],
    description: 'For not_eligible: the eligibility reasons (programme, period, minimum_age …)',
  })
  eligibility!: string[];
}

export const LeftOutSlotPage = PageOf(LeftOutSlotResponse, 'LeftOutSlotPage');

export class StudentPreferenceStatusResponse implements StudentPreferenceStatus {
  @ApiProperty({ format: 'uuid' })
  studentId!: string;

  @ApiProperty({ minimum: 0, maximum: 10, description: 'How many slots the student ranked' })
  rankedCount!: number;

  @ApiProperty({ enum: PREFERENCE_STATUSES })
  status!: PreferenceStatus;

  @ApiProperty({
    enum: ROUND_STANDINGS,
    description:
      'Where the student stands in the round, as the placement report counts them. Coordinators learn the result once the round is published',
  })
  standing!: RoundStanding;
}

export const StudentPreferenceStatusPage = PageOf(
  StudentPreferenceStatusResponse,
  'StudentPreferenceStatusPage',
);
