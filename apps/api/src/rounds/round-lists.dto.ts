import {
  PREFERENCE_STATUSES,
  PreferenceStatus,
  RoundSlotView,
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

export class StudentPreferenceStatusResponse implements StudentPreferenceStatus {
  @ApiProperty({ format: 'uuid' })
  studentId!: string;

  @ApiProperty({ minimum: 0, maximum: 10, description: 'How many slots the student ranked' })
  rankedCount!: number;

  @ApiProperty({ enum: PREFERENCE_STATUSES })
  status!: PreferenceStatus;
}

export const StudentPreferenceStatusPage = PageOf(
  StudentPreferenceStatusResponse,
  'StudentPreferenceStatusPage',
);
