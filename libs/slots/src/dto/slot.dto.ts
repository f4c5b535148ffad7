import { FOCUS_AREAS, FocusArea, Language, LANGUAGES } from '@app/organisations';
import { IsAfter, IsCalendarDate, NoCprNumber, UniqueItems } from '@app/validation';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { SLOT_STATUSES, SlotStatus } from '@app/database';

/** A slot as a reviewer posts it; the organisation is the reviewer's own. */
export class CreateSlotDto {
  @ApiProperty({ maxLength: 200, example: 'Laborant i QC-laboratoriet' })
  @IsString()
  @Length(1, 200)
  @NoCprNumber()
  title!: string;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  @NoCprNumber()
  description?: string;

  @ApiProperty({ enum: FOCUS_AREAS })
  @IsIn(FOCUS_AREAS)
  focusArea!: FocusArea;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'Programmes whose students may take the slot; empty or absent means all',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @UniqueItems()
  @IsUUID('all', { each: true })
  programmeIds?: string[];

  @ApiPropertyOptional({ type: [String], maxItems: 30 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @Length(1, 60, { each: true })
  @NoCprNumber()
  skills?: string[];

  @ApiPropertyOptional({ enum: LANGUAGES, nullable: true, description: 'Required language' })
  @IsOptional()
  @IsIn(LANGUAGES)
  language?: Language | null;

  @ApiPropertyOptional({ minimum: 14, maximum: 30, nullable: true })
  @IsOptional()
  @IsInt()
  @Min(14)
  @Max(30)
  minAge?: number | null;

  @ApiProperty({ example: '2027-02-01' })
  @IsCalendarDate()
  startsOn!: string;

  @ApiProperty({ example: '2027-04-30', description: 'After startsOn' })
  @IsCalendarDate()
  @IsAfter('startsOn')
  endsOn!: string;

  @ApiProperty({ minimum: 1, maximum: 1000 })
  @IsInt()
  @Min(1)
  @Max(1000)
  capacity!: number;

  @ApiPropertyOptional({ maxLength: 200, example: 'Kalundborg, Hallas Allé' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @NoCprNumber()
  site?: string;

  @ApiPropertyOptional({ maxLength: 200, description: 'Whom the intern contacts at the host' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @NoCprNumber()
  contactName?: string;

  @ApiPropertyOptional({ maxLength: 254, format: 'email', description: "The contact's e-mail" })
  @IsOptional()
  @ValidateIf((_slot, value) => value !== '')
  @IsEmail()
  @MaxLength(254)
  contactEmail?: string;

  @ApiPropertyOptional({
    maxLength: 40,
    example: '+45 59 53 00 00',
    description: "The contact's phone",
  })
  @IsOptional()
  @IsString()
  @Matches(/^[0-9 +()-]{0,40}$/, {
    message: 'contactPhone may hold digits, spaces and + ( ) - only',
  })
  @MaxLength(40)
  contactPhone?: string;
}

/** An admin posts on behalf of a host and names it. */
export class AdminCreateSlotDto extends CreateSlotDto {
  @ApiProperty({ format: 'uuid', description: 'An employer or public organisation' })
  @IsUUID('all')
  organisationId!: string;
}

export class UpdateSlotDto extends PartialType(CreateSlotDto) {
  @ApiPropertyOptional({ enum: SLOT_STATUSES })
  @IsOptional()
  @IsIn(SLOT_STATUSES)
  status?: SlotStatus;
}
