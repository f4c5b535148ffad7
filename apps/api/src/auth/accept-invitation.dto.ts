import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '@app/accounts';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class AcceptInvitationDto {
  @ApiProperty({ description: 'The token from the invitation' })
  @IsString()
  @Length(1, 200)
  token!: string;

  @ApiProperty({
    minLength: MIN_PASSWORD_LENGTH,
    maxLength: MAX_PASSWORD_LENGTH,
    description:
      'At least 12 characters (a few words make a good passphrase), no composition rules; ' +
      'common and breached passwords are refused',
  })
  @IsString()
  @Length(1, MAX_PASSWORD_LENGTH)
  password!: string;
}
