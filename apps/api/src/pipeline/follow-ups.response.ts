import {
  FollowUpAnswerView,
  FollowUpConsentView,
  FollowUpFormView,
  FOLLOW_UP_MONTHS,
  FollowUpMonths,
  Situation,
  SITUATIONS,
} from '@app/pipeline';
import { ApiProperty } from '@nestjs/swagger';
import { NamedRef } from '../http/named-ref.response';

export class FollowUpAnswerResponse implements FollowUpAnswerView {
  @ApiProperty({ enum: FOLLOW_UP_MONTHS })
  months!: FollowUpMonths;
  @ApiProperty({ format: 'date' })
  dueOn!: string;
  @ApiProperty({ type: Date, nullable: true })
  answeredAt!: Date | null;
  @ApiProperty({ enum: SITUATIONS, nullable: true })
  situation!: Situation | null;
  @ApiProperty({ type: NamedRef, nullable: true })
  organisation!: NamedRef | null;
  @ApiProperty({ type: String, nullable: true })
  studyProgramme!: string | null;
  @ApiProperty({ type: String, nullable: true })
  studySchool!: string | null;
}

export class FollowUpConsentResponse implements FollowUpConsentView {
  @ApiProperty({ description: 'A placement has ended: the question is put to the student' })
  asked!: boolean;
  @ApiProperty({ type: Boolean, nullable: true, description: 'null: not answered yet' })
  consented!: boolean | null;
  @ApiProperty({ type: Date, nullable: true })
  answeredAt!: Date | null;
  @ApiProperty({ type: [FollowUpAnswerResponse] })
  followUps!: FollowUpAnswerResponse[];
}

export class FollowUpFormResponse implements FollowUpFormView {
  @ApiProperty({ enum: FOLLOW_UP_MONTHS, description: 'Months since completion' })
  months!: FollowUpMonths;
  @ApiProperty({ type: [NamedRef], description: 'The alliance members one may be working at' })
  members!: NamedRef[];
}

export class FollowUpAnsweredResponse {
  @ApiProperty({ enum: FOLLOW_UP_MONTHS })
  months!: FollowUpMonths;
  @ApiProperty({ enum: [true] })
  answered!: true;
}
