import { MAX_PREFERENCES } from '@app/rounds';
import { UniqueItems, UuidItems } from '@app/validation';
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDate,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxDate,
  Min,
  MinDate,
} from 'class-validator';

const YEAR_2000 = new Date('2000-01-01T00:00:00Z');
const YEAR_2100 = new Date('2100-01-01T00:00:00Z');

export class CreateRoundDto {
  @ApiProperty({ example: 'Forår 2027' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ description: 'When the preference window closes (ISO 8601)' })
  @Type(() => Date)
  @IsDate()
  @MinDate(YEAR_2000)
  @MaxDate(YEAR_2100)
  preferencesCloseAt!: Date;

  @ApiPropertyOptional({ description: 'When the preference window opens; default now' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  @MinDate(YEAR_2000)
  @MaxDate(YEAR_2100)
  preferencesOpenAt?: Date;

  @ApiPropertyOptional({ minimum: 1, maximum: 60, default: 7 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  offerAnswerDays?: number;

  @ApiPropertyOptional({ enum: ['students', 'slots'], default: 'students' })
  @IsOptional()
  @IsIn(['students', 'slots'])
  proposer?: 'students' | 'slots';
}

/** A draft's terms; the proposer is the engine's side and stays as created. */
export class UpdateRoundDto extends PartialType(OmitType(CreateRoundDto, ['proposer'] as const)) {}

export class PreferencesDto {
  @ApiProperty({
    type: [String],
    maxItems: MAX_PREFERENCES,
    description: `Slot ids, most preferred first (at most ${MAX_PREFERENCES})`,
  })
  @IsArray()
  @ArrayMaxSize(MAX_PREFERENCES)
  @UniqueItems()
  @IsUUID('all', { each: true })
  slotIds!: string[];
}

export class RankingDto {
  @ApiProperty({ type: [String], description: 'Applicant student ids, most preferred first' })
  @IsArray()
  @ArrayMaxSize(5000)
  // Copied as strings, and checked in one pass each: a list of thousands costs milliseconds.
  @Type(() => String)
  @UniqueItems()
  @UuidItems()
  studentIds!: string[];
}
