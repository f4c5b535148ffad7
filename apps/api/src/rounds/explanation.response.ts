import { Explanation, MissedSlotExplanation } from '@app/rounds';
import { ApiProperty } from '@nestjs/swagger';

const MISSED_REASONS = ['full', 'not_acceptable'] as const;

export class AssignedSlotResponse {
  @ApiProperty({ format: 'uuid' })
  slotId!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty({ description: "The host's name" })
  organisation!: string;

  @ApiProperty({ minimum: 1, description: "The student's own rank of it" })
  rank!: number;
}

export class MissedSlotResponse implements MissedSlotExplanation {
  @ApiProperty({ minimum: 1 })
  rank!: number;

  @ApiProperty({ format: 'uuid' })
  slotId!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty({ description: "The host's name" })
  organisation!: string;

  @ApiProperty({
    enum: MISSED_REASONS,
    description: 'full: every seat went to applicants the host placed higher',
  })
  reason!: MissedSlotExplanation['reason'];

  @ApiProperty({
    type: Number,
    nullable: true,
    description: "The host's position of the last applicant it took",
  })
  cutoff!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: "Where the host's order placed you" })
  yourPosition!: number | null;

  @ApiProperty({ description: 'The explanation as a sentence' })
  message!: string;
}

/** Why a student did not get the slots they ranked above the one they got. */
export class ExplanationResponse implements Explanation {
  @ApiProperty({ format: 'uuid' })
  roundId!: string;

  @ApiProperty({ type: AssignedSlotResponse, nullable: true, description: 'Null: unplaced' })
  assigned!: AssignedSlotResponse | null;

  @ApiProperty({ type: [MissedSlotResponse], description: 'By rank, first choice first' })
  missed!: MissedSlotResponse[];
}
