import { NoCprNumber } from '@app/validation';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';

export const FOLLOW_UP_MONTHS = [6, 12, 24] as const;
export type FollowUpMonths = (typeof FOLLOW_UP_MONTHS)[number];

/** What a former intern is doing now; the first two count as working in Kalundborg. */
export const SITUATIONS = [
  'alliance_member',
  'kalundborg',
  'region_sjaelland',
  'elsewhere',
  'studying',
  'other',
] as const;
export type Situation = (typeof SITUATIONS)[number];

export class FollowUpConsentDto {
  @ApiProperty({
    description:
      'true: agree to short follow-ups 6, 12 and 24 months after completion; false: decline, or withdraw (deletes every answer given)',
  })
  @IsBoolean()
  consented!: boolean;
}

/** The token of a follow-up's single-use link: 32 random bytes, base64url (43 characters). */
export class FollowUpTokenDto {
  @ApiProperty({
    description: 'The token from the link in the e-mail (after #token=)',
    pattern: '^[A-Za-z0-9_-]{43}$',
  })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{43}$/, { message: 'token is not a follow-up link token' })
  token!: string;
}

export class FollowUpAnswerDto extends FollowUpTokenDto {
  @ApiProperty({ enum: SITUATIONS })
  @IsIn(SITUATIONS)
  situation!: Situation;

  @ApiPropertyOptional({ format: 'uuid', description: 'With alliance_member: which one' })
  @IsOptional()
  @IsUUID('all')
  organisationId?: string;

  @ApiPropertyOptional({ maxLength: 200, description: 'With studying: the programme' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @NoCprNumber()
  studyProgramme?: string;

  @ApiPropertyOptional({ maxLength: 200, description: 'With studying: the school' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @NoCprNumber()
  studySchool?: string;
}
