import { ExportColumn, exportTable, ExportTable } from '@app/imports';
import { EXPECTED_COMPLETION_SQL } from './expected-completion';

/** A student as they, their coordinator and admins see them. */
export interface StudentView {
  id: string;
  userId: string;
  email: string;
  fullName: string;
  school: { id: string; name: string };
  programme: { id: string; name: string };
  birthDate: string;
  languages: string[];
  skills: string[];
  interests: string[];
  motivation: string;
  availableFrom: string;
  availableTo: string;
  /** Expected completion of the programme, YYYY-MM, if the school has stated it. */
  expectedCompletion: string | null;
  /** Language of the account's texts and e-mails. */
  language: 'da' | 'en';
  /** Whether the student has accepted the invitation and set a password. */
  activated: boolean;
}

/**
 * What a reviewer may see of an applicant or intern: no birth date and no contact details, except
 * the e-mail once the student has accepted a placement at the reviewer's organisation.
 */
export interface ReviewerStudentView {
  id: string;
  fullName: string;
  programme: { id: string; name: string };
  skills: string[];
  interests: string[];
  languages: string[];
  motivation: string;
  email?: string;
}

/** A row of STUDENT_VIEW_SQL. */
export interface StudentRow {
  id: string;
  userId: string;
  email: string;
  fullName: string;
  schoolId: string;
  schoolName: string;
  programmeId: string;
  programmeName: string;
  birthDate: string;
  languages: string[];
  skills: string[];
  interests: string[];
  motivation: string;
  availableFrom: string;
  availableTo: string;
  expectedCompletion: string | null;
  language: 'da' | 'en';
  activated: boolean;
}

export const STUDENT_VIEW_SQL = `
  SELECT s.id, s.user_id AS "userId", u.email, s.full_name AS "fullName",
         s.school_id AS "schoolId", o.name AS "schoolName",
         s.programme_id AS "programmeId", p.name AS "programmeName",
         s.birth_date::text AS "birthDate", s.languages, s.skills, s.interests, s.motivation,
         s.available_from::text AS "availableFrom", s.available_to::text AS "availableTo",
         ${EXPECTED_COMPLETION_SQL} AS "expectedCompletion", u.language, u.password_hash IS NOT NULL AS activated
    FROM students s
    JOIN users u ON u.id = s.user_id
    JOIN programmes p ON p.id = s.programme_id
    JOIN organisations o ON o.id = s.school_id`;

/** The personal data each view shows, as the access log names it. */
export const STUDENT_VIEW_FIELDS = [
  'fullName',
  'email',
  'birthDate',
  'school',
  'programme',
  'languages',
  'skills',
  'interests',
  'motivation',
  'availableFrom',
  'availableTo',
  'expectedCompletion',
] as const;
export const REVIEWER_VIEW_FIELDS = [
  'fullName',
  'programme',
  'skills',
  'interests',
  'languages',
  'motivation',
] as const;

export function toStudentView(row: StudentRow): StudentView {
  return {
    id: row.id,
    userId: row.userId,
    email: row.email,
    fullName: row.fullName,
    school: { id: row.schoolId, name: row.schoolName },
    programme: { id: row.programmeId, name: row.programmeName },
    birthDate: row.birthDate,
    languages: row.languages,
    skills: row.skills,
    interests: row.interests,
    motivation: row.motivation,
    availableFrom: row.availableFrom,
    availableTo: row.availableTo,
    expectedCompletion: row.expectedCompletion,
    language: row.language,
    activated: row.activated,
  };
}

export function toReviewerView(row: StudentRow, showEmail: boolean): ReviewerStudentView {
  return {
    id: row.id,
    fullName: row.fullName,
    programme: { id: row.programmeId, name: row.programmeName },
    skills: row.skills,
    interests: row.interests,
    languages: row.languages,
    motivation: row.motivation,
    ...(showEmail ? { email: row.email } : {}),
  };
}

/** The student list as a table (CSV, xlsx): the fields of the screen, lists joined by "; ". */
export function studentsTable(items: readonly StudentView[]): ExportTable {
  const list = (values: readonly string[]) => values.join('; ');
  const columns: ExportColumn<StudentView>[] = [
    { header: 'fullName', value: (s) => s.fullName },
    { header: 'email', value: (s) => s.email },
    { header: 'school', value: (s) => s.school.name },
    { header: 'programme', value: (s) => s.programme.name },
    { header: 'birthDate', value: (s) => s.birthDate },
    { header: 'availableFrom', value: (s) => s.availableFrom },
    { header: 'availableTo', value: (s) => s.availableTo },
    { header: 'expectedCompletion', value: (s) => s.expectedCompletion },
    { header: 'languages', value: (s) => list(s.languages) },
    { header: 'skills', value: (s) => list(s.skills) },
    { header: 'interests', value: (s) => list(s.interests) },
    { header: 'motivation', value: (s) => s.motivation },
    { header: 'language', value: (s) => s.language },
    { header: 'activated', value: (s) => (s.activated ? 'yes' : 'no') },
  ];
  return exportTable('Students', columns, items);
}
