import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { ORGANISATION_KINDS, OrganisationKind } from '@app/database';

export class CreateOrganisationDto {
  @ApiProperty({ maxLength: 200, example: 'Novo Nordisk' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ enum: ORGANISATION_KINDS })
  @IsIn(ORGANISATION_KINDS)
  kind!: OrganisationKind;

  @ApiProperty({ pattern: '^[a-z0-9-]{2,60}$', example: 'novo-nordisk' })
  @Matches(/^[a-z0-9-]{2,60}$/, { message: 'slug must be 2-60 of a-z, 0-9 and -' })
  slug!: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;
}

export class UpdateOrganisationDto extends PartialType(CreateOrganisationDto) {}
