import { NoCprNumber } from '@app/validation';
import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsString, Length } from 'class-validator';

export const JOB_OFFERS = ['none', 'offered', 'accepted', 'declined'] as const;
export type JobOffer = (typeof JOB_OFFERS)[number];

/** What the host records when a placement's period has ended. */
export class RecordOutcomeDto {
  @ApiProperty({ description: 'The intern completed the placement' })
  @IsBoolean()
  completed!: boolean;

  @ApiProperty({
    enum: JOB_OFFERS,
    description: 'none; offered (no answer yet); accepted; declined by the intern',
  })
  @IsIn(JOB_OFFERS)
  jobOffer!: JobOffer;
}

/** The student's objection to the outcome the host recorded. */
export class ContestOutcomeDto {
  @ApiProperty({ minLength: 1, maxLength: 2000, description: 'What is wrong, in own words' })
  @IsString()
  @Length(1, 2000)
  @NoCprNumber()
  reason!: string;
}
