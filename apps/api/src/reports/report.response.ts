import { ROUND_STATUSES, RoundStatus } from '@app/database';
import { HostFigures, ReportRound, SlotDemand, StudentFigures } from '@app/rounds';
import { ApiProperty } from '@nestjs/swagger';

const STUDENT_GROUPS = ['school', 'programme'] as const;
const HOST_GROUPS = ['employer'] as const;

/** A school's or programme's students in one round, each in exactly one standing. */
export class StudentFiguresResponse implements StudentFigures {
  @ApiProperty({ format: 'uuid', description: 'The school or programme' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ description: 'ranked + notTakingPart' })
  students!: number;

  @ApiProperty({ description: 'Did not rank in the round: neither placed nor unplaced' })
  notTakingPart!: number;

  @ApiProperty({ description: 'Took part: waiting + matched + unplaced' })
  ranked!: number;

  @ApiProperty({ description: 'Ranked; the result is not out yet' })
  waiting!: number;

  @ApiProperty({
    description:
      'Got a slot: assigned + offered + awaitingGuardian + accepted + declined + expired + withdrawn',
  })
  matched!: number;

  @ApiProperty({ description: 'Matched, offer not made yet (admins only, before publication)' })
  assigned!: number;

  @ApiProperty({ description: 'Hold an offer they have not answered' })
  offered!: number;

  @ApiProperty({
    description: 'Accepted by a student under 18 whose guardian has not consented yet (seat held)',
  })
  awaitingGuardian!: number;

  @ApiProperty({ description: 'Accepted, confirmed by the host or not (placed)' })
  accepted!: number;

  @ApiProperty({ description: 'Of accepted: confirmed by the host' })
  confirmed!: number;

  @ApiProperty({ description: 'Declined the offer' })
  declined!: number;

  @ApiProperty({ description: 'Let the offer expire unanswered' })
  expired!: number;

  @ApiProperty({ description: 'Offer withdrawn when the student was erased' })
  withdrawn!: number;

  @ApiProperty({ description: 'Took part and got no slot in the matching' })
  unplaced!: number;
}

/** A host's slots and seats in one round, and the students matched to them by standing. */
export class HostFiguresResponse implements HostFigures {
  @ApiProperty({ format: 'uuid', description: 'The host' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ description: "The host's slots in the round" })
  slots!: number;

  @ApiProperty({ description: 'Seats the slots brought to the round' })
  seatsOffered!: number;

  @ApiProperty({ description: 'Seats held: accepted (confirmed or not) and awaiting a guardian' })
  seatsFilled!: number;

  @ApiProperty({ description: "Students who ranked the host's slots" })
  applicants!: number;

  @ApiProperty({
    description:
      'Matched to its slots: assigned + offered + awaitingGuardian + accepted + declined + expired + withdrawn',
  })
  matched!: number;

  @ApiProperty({ description: 'Matched, offer not made yet (admins only, before publication)' })
  assigned!: number;

  @ApiProperty({ description: 'Hold an offer they have not answered' })
  offered!: number;

  @ApiProperty({
    description: 'Accepted by a student under 18 whose guardian has not consented yet (seat held)',
  })
  awaitingGuardian!: number;

  @ApiProperty({ description: 'Accepted, confirmed by the host or not (placed)' })
  accepted!: number;

  @ApiProperty({ description: 'Of accepted: confirmed by the host' })
  confirmed!: number;

  @ApiProperty({ description: 'Declined the offer' })
  declined!: number;

  @ApiProperty({ description: 'Let the offer expire unanswered' })
  expired!: number;

  @ApiProperty({ description: 'Offer withdrawn when the student was erased' })
  withdrawn!: number;
}

/** The round a report counts. */
export class ReportRoundResponse implements ReportRound {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: ROUND_STATUSES })
  status!: RoundStatus;
}

export class StudentReportResponse {
  @ApiProperty({ enum: STUDENT_GROUPS })
  groupBy!: (typeof STUDENT_GROUPS)[number];

  @ApiProperty({ type: ReportRoundResponse, nullable: true, description: 'Null: no round yet' })
  round!: ReportRoundResponse | null;

  @ApiProperty({ type: [StudentFiguresResponse] })
  items!: StudentFiguresResponse[];
}

export class HostReportResponse {
  @ApiProperty({ enum: HOST_GROUPS })
  groupBy!: (typeof HOST_GROUPS)[number];

  @ApiProperty({ type: ReportRoundResponse, nullable: true, description: 'Null: no round yet' })
  round!: ReportRoundResponse | null;

  @ApiProperty({ type: [HostFiguresResponse] })
  items!: HostFiguresResponse[];
}

export class SlotDemandResponse implements SlotDemand {
  @ApiProperty({ format: 'uuid' })
  slotId!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty({ description: 'Seats the slot brought to the round' })
  seats!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Students who ranked it; for reviewers null when 1 to 4 (suppressed)',
  })
  applicants!: number | null;

  @ApiProperty({
    type: 'array',
    items: { type: 'number', nullable: true },
    nullable: true,
    description:
      'How many put it at each rank: index 0 is first choice. Admins: live. Reviewers: as counted when the preference window closed (null while it is open), each count under 5 null (suppressed)',
  })
  byRank!: (number | null)[] | null;

  @ApiProperty({ description: 'Some figure is null because it concerns fewer than 5 students' })
  suppressed!: boolean;
}

export class DemandList {
  @ApiProperty({ type: [SlotDemandResponse] })
  items!: SlotDemandResponse[];
}
