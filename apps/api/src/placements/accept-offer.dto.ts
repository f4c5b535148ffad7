import { NoCprNumber } from '@app/privacy';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { Equals, IsOptional, IsString, Length, ValidateNested } from 'class-validator';

/** Samtykke fra forælder/værge: who consents, and that they do. */
export class GuardianConsentDto {
  @ApiProperty({ maxLength: 200, example: 'Mette Hansen' })
  @IsString()
  @Length(1, 200)
  @NoCprNumber()
  name!: string;

  @ApiProperty({ enum: [true] })
  @Equals(true, { message: '$property must be true' })
  confirmed!: true;
}

export class AcceptOfferDto {
  @ApiPropertyOptional({
    type: GuardianConsentDto,
    description: "Required when the placement's needsGuardianConsent is true (a student under 18)",
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => GuardianConsentDto)
  guardianConsent?: GuardianConsentDto;
}
