import { FOCUS_AREAS, FocusArea, Language, LANGUAGES } from '@app/organisations';
import { IsAfter, IsCalendarDate, IsPastDate, NoCprNumber, UniqueItems } from '@app/validation';
import { IsYearMonth } from '../expected-completion';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
} from 'class-validator';

export const ACCOUNT_LANGUAGES = ['da', 'en'] as const;
export type AccountLanguage = (typeof ACCOUNT_LANGUAGES)[number];

/** The parts of a profile that are optional both on creation and on change. */
export class StudentPreferencesDto {
  @ApiPropertyOptional({ type: [String], maxItems: 30, example: ['PCR', 'GMP'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @Length(1, 60, { each: true })
  @NoCprNumber()
  skills?: string[];

  @ApiPropertyOptional({ enum: FOCUS_AREAS, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(FOCUS_AREAS.length)
  @UniqueItems()
  @IsIn(FOCUS_AREAS, { each: true })
  interests?: FocusArea[];

  @ApiPropertyOptional({ enum: LANGUAGES, isArray: true, example: ['da', 'en'] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(LANGUAGES.length)
  @UniqueItems()
  @IsIn(LANGUAGES, { each: true })
  languages?: Language[];

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @NoCprNumber()
  motivation?: string;

  @ApiPropertyOptional({ enum: ACCOUNT_LANGUAGES, description: 'Language of the account' })
  @IsOptional()
  @IsIn(ACCOUNT_LANGUAGES)
  language?: AccountLanguage;
}

/** What a student may change of their own profile. */
export class StudentProfileDto extends StudentPreferencesDto {
  @ApiPropertyOptional({ example: '2027-02-01' })
  @IsOptional()
  @IsCalendarDate()
  availableFrom?: string;

  @ApiPropertyOptional({ example: '2027-06-30', description: 'After availableFrom' })
  @IsOptional()
  @IsCalendarDate()
  @IsAfter('availableFrom')
  availableTo?: string;
}

/** Coordinators and admins may also correct the facts the school is responsible for. */
export class StaffStudentChangesDto extends StudentProfileDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @NoCprNumber()
  fullName?: string;

  @ApiPropertyOptional({ format: 'uuid', description: "A programme of the student's school" })
  @IsOptional()
  @IsUUID('all')
  programmeId?: string;

  @ApiPropertyOptional({ example: '2008-05-17' })
  @IsOptional()
  @IsCalendarDate()
  @IsPastDate()
  birthDate?: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '2028-06',
    description: 'Expected completion of the programme, YYYY-MM (null clears it)',
  })
  @IsOptional()
  @IsYearMonth()
  expectedCompletion?: string | null;
}

/** A new student of the coordinator's own school. */
export class CreateStudentDto extends StudentPreferencesDto {
  @ApiProperty({ example: 'elev@skole.dk' })
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ maxLength: 200 })
  @IsString()
  @Length(1, 200)
  @NoCprNumber()
  fullName!: string;

  @ApiProperty({ format: 'uuid', description: 'A programme of the school' })
  @IsUUID('all')
  programmeId!: string;

  @ApiProperty({ example: '2008-05-17' })
  @IsCalendarDate()
  @IsPastDate()
  birthDate!: string;

  @ApiProperty({ example: '2027-02-01' })
  @IsCalendarDate()
  availableFrom!: string;

  @ApiProperty({ example: '2027-06-30', description: 'After availableFrom' })
  @IsCalendarDate()
  @IsAfter('availableFrom')
  availableTo!: string;

  @ApiPropertyOptional({
    example: '2028-06',
    description: 'Expected completion of the programme, YYYY-MM',
  })
  @IsOptional()
  @IsYearMonth()
  expectedCompletion?: string;
}

/** Admins create for any school and name it. */
export class AdminCreateStudentDto extends CreateStudentDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  schoolId!: string;
}
