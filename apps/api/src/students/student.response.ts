import { FOCUS_AREAS, FocusArea, Language, LANGUAGES } from '@app/organisations';
import { ACCOUNT_LANGUAGES, AccountLanguage, StudentView } from '@app/students';
import { ApiProperty } from '@nestjs/swagger';
import { NamedRef } from '../http/named-ref.response';
import { PageOf } from '../http/page-response';

/** A student as they, their coordinator and admins see them. */
export class StudentResponse implements StudentView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  userId!: string;

  @ApiProperty({ format: 'email' })
  email!: string;

  @ApiProperty()
  fullName!: string;

  @ApiProperty({ type: NamedRef })
  school!: NamedRef;

  @ApiProperty({ type: NamedRef })
  programme!: NamedRef;

  @ApiProperty({ format: 'date' })
  birthDate!: string;

  @ApiProperty({ enum: LANGUAGES, isArray: true })
  languages!: Language[];

  @ApiProperty({ type: [String] })
  skills!: string[];

  @ApiProperty({ enum: FOCUS_AREAS, isArray: true })
  interests!: FocusArea[];

  @ApiProperty()
  motivation!: string;

  @ApiProperty({ format: 'date' })
  availableFrom!: string;

  @ApiProperty({ format: 'date' })
  availableTo!: string;

  @ApiProperty({ enum: ACCOUNT_LANGUAGES, description: "Language of the account's texts" })
  language!: AccountLanguage;

  @ApiProperty({ description: 'Whether the student has set a password' })
  activated!: boolean;
}

export const StudentPage = PageOf(StudentResponse, 'StudentPage');
