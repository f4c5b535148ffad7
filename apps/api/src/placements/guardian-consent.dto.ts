import { GUARDIAN_DECISIONS, GuardianDecision } from '@app/placements';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Matches } from 'class-validator';

/** The token of a guardian's one-time link: 32 random bytes, base64url (43 characters). */
export class GuardianTokenDto {
  @ApiProperty({
    description: "The token from the link in the guardian's e-mail (after #token=)",
    pattern: '^[A-Za-z0-9_-]{43}$',
  })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{43}$/, { message: 'token is not a consent link token' })
  token!: string;
}

export class GuardianAnswerDto extends GuardianTokenDto {
  @ApiProperty({ enum: GUARDIAN_DECISIONS, description: 'confirm (samtykke) or refuse (afslå)' })
  @IsIn(GUARDIAN_DECISIONS)
  decision!: GuardianDecision;
}
