import { ResultItem, RankedSlot } from '@app/rounds';
import { ROUND_STATUSES, Round } from '@app/database';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { NamedRef } from '../http/named-ref.response';
import { PageOf } from '../http/page-response';
import { RoundView } from './round-view';

const PROPOSERS = ['students', 'slots'] as const;

export class RoundSummaryResponse {
  @ApiProperty({ description: 'Students who ranked a slot of the round' })
  students!: number;

  @ApiProperty()
  matched!: number;

  @ApiProperty()
  unplaced!: number;

  @ApiProperty({ description: 'Matched to the slot they ranked first' })
  firstChoice!: number;

  @ApiProperty({ type: [Number], description: 'How many got their 1st, 2nd, ... choice' })
  byChoice!: number[];
}

export class OpeningPreviewResponse {
  @ApiProperty({ description: 'Open slots with free seats the round would take' })
  slots!: number;

  @ApiProperty({ description: 'Their free seats together' })
  seats!: number;

  @ApiProperty({ description: 'Students who would be told to rank (no offer or placement yet)' })
  eligibleStudents!: number;

  @ApiProperty({
    type: NamedRef,
    nullable: true,
    description: 'The round open now: while it is, opening is refused (409 round.another_open)',
  })
  openRound!: NamedRef | null;
}

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

  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'The lottery seed that breaks ties: null until the run is stored (matched), for everyone',
  })
  seed!: string | null;

  @ApiProperty({
    pattern: '^[0-9a-f]{64}$',
    description:
      'SHA-256 of the seed (UTF-8, hex), fixed when the round is created: once the seed is shown, anyone can check it against this',
  })
  seedCommitment!: string;

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

  @ApiProperty({ description: 'How many slots a student may rank in the round', example: 10 })
  maxPreferences!: number;

  @ApiPropertyOptional({
    type: RoundSummaryResponse,
    nullable: true,
    description: 'On GET /api/rounds/:id for admins: the outcome of the run, once it is stored',
  })
  summary?: RoundSummaryResponse | null;
}

export const RoundPage = PageOf(RoundResponse, 'RoundPage');

export class ResultResponse implements ResultItem {
  @ApiProperty({ format: 'uuid' })
  studentId!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Null: unplaced' })
  slotId!: string | null;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: "The student's own rank of it (null: unplaced); only for the student and admins",
  })
  studentRank?: number | null;
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
