import { FOCUS_AREAS, FocusArea, Language, LANGUAGES } from '@app/organisations';
import {
  ACCOUNT_LANGUAGES,
  AccountLanguage,
  CreatedStudent,
  ImportedRoster,
  ReviewerStudentView,
  ROSTER_FIELDS,
  RosterField,
  RosterPlan,
  RosterPlanRow,
  StudentView,
} from '@app/students';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
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

  @ApiProperty({
    type: String,
    nullable: true,
    example: '2028-06',
    description: 'Expected completion of the programme, YYYY-MM',
  })
  expectedCompletion!: string | null;

  @ApiProperty({ enum: ACCOUNT_LANGUAGES, description: "Language of the account's texts" })
  language!: AccountLanguage;

  @ApiProperty({ description: 'Whether the student has set a password' })
  activated!: boolean;
}

export const StudentPage = PageOf(StudentResponse, 'StudentPage');

/**
 * What a reviewer sees of an applicant to or intern of their organisation: no birth date and
 * no contact details, but the e-mail once the student has accepted a placement there.
 */
export class ReviewerStudentResponse implements ReviewerStudentView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  fullName!: string;

  @ApiProperty({ type: NamedRef })
  programme!: NamedRef;

  @ApiProperty({ type: [String] })
  skills!: string[];

  @ApiProperty({ enum: FOCUS_AREAS, isArray: true })
  interests!: FocusArea[];

  @ApiProperty({ enum: LANGUAGES, isArray: true })
  languages!: Language[];

  @ApiProperty()
  motivation!: string;

  @ApiPropertyOptional({ format: 'email', description: 'Once a placement here is accepted' })
  email?: string;
}

/** A new student, with the token of the invitation that lets them set a password. */
export class CreatedStudentResponse extends StudentResponse implements CreatedStudent {
  @ApiProperty({ description: 'Goes into the invitation link; shown only this once' })
  invitationToken!: string;
}

export class ImportedStudents implements ImportedRoster {
  @ApiProperty({ type: [CreatedStudentResponse], description: 'In the order of the rows' })
  created!: CreatedStudentResponse[];

  @ApiProperty({
    type: [StudentResponse],
    description: 'Returning students of the school (by e-mail) whose rows changed them',
  })
  updated!: StudentResponse[];

  @ApiProperty({ description: 'Rows of returning students that changed nothing' })
  unchanged!: number;
}

export class RosterPlanRowResponse implements RosterPlanRow {
  @ApiProperty({ description: "The file's line of data: 1 = the first row after the header" })
  row!: number;

  @ApiProperty({ format: 'email' })
  email!: string;

  @ApiProperty()
  fullName!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The returning student the row names' })
  studentId?: string;

  @ApiPropertyOptional({
    enum: ROSTER_FIELDS,
    isArray: true,
    description: 'Updated rows: the fields the row changes',
  })
  fields?: RosterField[];
}

/** What importing the file would do; nothing is written. */
export class RosterPreviewResponse implements RosterPlan {
  @ApiProperty({ type: [RosterPlanRowResponse], description: 'New students' })
  created!: RosterPlanRowResponse[];

  @ApiProperty({ type: [RosterPlanRowResponse], description: 'Returning students changed' })
  updated!: RosterPlanRowResponse[];

  @ApiProperty({ type: [RosterPlanRowResponse], description: 'Returning students as they are' })
  unchanged!: RosterPlanRowResponse[];
}
