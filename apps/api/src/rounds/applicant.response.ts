import { FOCUS_AREAS, LANGUAGES } from '@app/organisations';
import { ApplicantView, ScoreParts } from '@app/rounds';
import { ApiProperty } from '@nestjs/swagger';
import { NamedRef } from '../http/named-ref.response';

export class ScorePartsResponse implements ScoreParts {
  @ApiProperty({ description: "3: the slot names the student's programme; 1: open to all" })
  programme!: number;

  @ApiProperty({ description: '2 for each skill the slot asks for that the student has' })
  skills!: number;

  @ApiProperty({ description: "1: the student speaks the slot's language, or it asks none" })
  language!: number;

  @ApiProperty({ description: "2: the slot's focus area is among the student's interests" })
  interests!: number;

  @ApiProperty()
  total!: number;
}

/** What a host sees of a student who ranked its slot: what is needed to rank, no more. */
export class ApplicantResponse implements ApplicantView {
  @ApiProperty({ format: 'uuid' })
  studentId!: string;

  @ApiProperty()
  fullName!: string;

  @ApiProperty({ type: NamedRef })
  programme!: NamedRef;

  @ApiProperty({ type: NamedRef })
  school!: NamedRef;

  @ApiProperty({ type: [String] })
  skills!: string[];

  @ApiProperty({ enum: FOCUS_AREAS, isArray: true })
  interests!: string[];

  @ApiProperty({ enum: LANGUAGES, isArray: true })
  languages!: string[];

  @ApiProperty()
  motivation!: string;

  @ApiProperty({
    description: 'Old enough for the slot on its first day; the birth date is hidden',
  })
  meetsMinimumAge!: boolean;

  @ApiProperty({
    description:
      "Under 18 on the slot's first day: accepting an offer needs a guardian's consent; the birth date is hidden",
  })
  underEighteen!: boolean;

  @ApiProperty({ format: 'date', description: 'First day the student can take a placement' })
  availableFrom!: string;

  @ApiProperty({ format: 'date', description: 'Last day the student can take a placement' })
  availableTo!: string;

  @ApiProperty({ type: ScorePartsResponse })
  score!: ScorePartsResponse;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: "The host's own rank of the applicant; null: left to the score",
  })
  hostRank!: number | null;

  @ApiProperty({ description: 'Marked not acceptable by the host: never placed on the slot' })
  notAcceptable!: boolean;

  @ApiProperty({
    type: Number,
    nullable: true,
    minimum: 1,
    description: "Place in the slot's order as the matching uses it; null: not acceptable",
  })
  position!: number | null;
}

export class ApplicantList {
  @ApiProperty({ type: [ApplicantResponse], description: "In the slot's order" })
  items!: ApplicantResponse[];
}
