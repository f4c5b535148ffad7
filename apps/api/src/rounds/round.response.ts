import { ResultItem, ROUND_STATUSES, RankedSlot, Round } from '@app/rounds';
import { ApiProperty } from '@nestjs/swagger';
import { NamedRef } from '../http/named-ref.response';
import { PageOf } from '../http/page-response';
import { RoundView } from './round-view';

const PROPOSERS = ['students', 'slots'] as const;

export class RoundResponse implements RoundView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: ROUND_STATUSES })
  status!: Round['status'];

  @ApiProperty({ type: String, format: 'date-time' })
  preferencesOpenAt!: Date;

  @ApiProperty({ type: String, format: 'date-time' })
  preferencesCloseAt!: Date;

  @ApiProperty({ minimum: 1, maximum: 60 })
  offerAnswerDays!: number;

  @ApiProperty({ enum: PROPOSERS })
  proposer!: Round['proposer'];

  @ApiProperty({ description: 'The lottery seed that breaks ties' })
  seed!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  parentRoundId!: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  openedAt!: Date | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  matchedAt!: Date | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  publishedAt!: Date | null;
}

export const RoundPage = PageOf(RoundResponse, 'RoundPage');

export class ResultResponse implements ResultItem {
  @ApiProperty({ format: 'uuid' })
  studentId!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Null: unplaced' })
  slotId!: string | null;

  @ApiProperty({ type: Number, nullable: true, description: "The student's own rank of it" })
  studentRank!: number | null;
}

export const ResultPage = PageOf(ResultResponse, 'ResultPage');

export class RankedSlotResponse implements RankedSlot {
  @ApiProperty({ minimum: 1, maximum: 10 })
  rank!: number;

  @ApiProperty({ format: 'uuid' })
  slotId!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty({ type: NamedRef })
  organisation!: NamedRef;
}

export class PreferencesResponse {
  @ApiProperty({ format: 'uuid' })
  roundId!: string;

  @ApiProperty({ type: [RankedSlotResponse], description: 'Most preferred first' })
  items!: RankedSlotResponse[];
}
