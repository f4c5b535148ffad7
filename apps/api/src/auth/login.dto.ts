import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'student1@absalon.demo' })
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'kalundborg-demo' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password!: string;
}
