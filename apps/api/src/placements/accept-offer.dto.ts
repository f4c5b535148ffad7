import { NoCprNumber } from '@app/validation';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  Length,
  MaxLength,
  ValidateNested,
} from 'class-validator';

/** The parent or guardian (forælder/værge) who is asked to consent, by e-mail. */
export class GuardianDto {
  @ApiProperty({ maxLength: 200, example: 'Mette Hansen' })
  @IsString()
  @Length(1, 200)
  @NoCprNumber()
  name!: string;

  @ApiProperty({ format: 'email', maxLength: 254, example: 'mette.hansen@example.dk' })
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiPropertyOptional({
    enum: ['da', 'en'],
    description: "The language of the guardian's e-mail; the student's own by default",
  })
  @IsOptional()
  @IsIn(['da', 'en'])
  language?: 'da' | 'en';
}

export class AcceptOfferDto {
  @ApiPropertyOptional({
    type: GuardianDto,
    description:
      "Required when the placement's needsGuardianConsent is true (a student under 18): the " +
      'guardian gets a one-time link and consents or refuses; ignored otherwise',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => GuardianDto)
  guardian?: GuardianDto;
}
