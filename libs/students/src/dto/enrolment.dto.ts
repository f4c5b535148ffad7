import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsUUID, MaxLength } from 'class-validator';
import { IsYearMonth } from '../expected-completion';

/** A school's coordinator asks a person who already has an account to enrol with the school. */
export class RequestEnrolmentDto {
  @ApiProperty({ example: 'elev@skole.dk', description: "The person's sign-in e-mail" })
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ format: 'uuid', description: "A programme of the coordinator's school" })
  @IsUUID('all')
  programmeId!: string;

  @ApiPropertyOptional({ example: '2029-06', description: 'Expected completion, YYYY-MM' })
  @IsOptional()
  @IsYearMonth()
  expectedCompletion?: string;
}
