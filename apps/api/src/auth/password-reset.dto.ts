import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '@app/accounts';
import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, Length, MaxLength } from 'class-validator';

export class ForgotPasswordDto {
  @ApiProperty({ example: 'student1@absalon.demo' })
  @IsEmail()
  @MaxLength(254)
  email!: string;
}

export class ResetPasswordDto {
  @ApiProperty({ description: "The token from the reset e-mail's link" })
  @IsString()
  @Length(1, 200)
  token!: string;

  @ApiProperty({
    minLength: MIN_PASSWORD_LENGTH,
    maxLength: MAX_PASSWORD_LENGTH,
    description: 'The new password, by the same rules as an invitation',
  })
  @IsString()
  @Length(1, MAX_PASSWORD_LENGTH)
  password!: string;
}
