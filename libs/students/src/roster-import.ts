import { readProgrammeCells } from '@app/organisations';
import { EMAIL_UNUSABLE } from '@app/accounts';
import { InvalidRowsError } from '@app/errors';
import { listCell, mapRows, readCsvTable, RowReport, validateRow } from '@app/imports';
import { DataSource } from 'typeorm';
import { CreateStudentDto } from './dto/student.dto';

export const ROSTER_CSV_COLUMNS = {
  required: ['name', 'email', 'programme', 'birthDate', 'availableFrom', 'availableTo'],
  optional: ['languages', 'expectedCompletion'],
} as const;

/** CSV columns named differently from the JSON fields, for the row report. */
const COLUMN_OF = { fullName: 'name', programmeId: 'programme' };

/** A valid row of a roster: a new student, or (by e-mail) one the school already has. */
export interface RosterRow {
  /** 0 = the first data row. */
  row: number;
  input: CreateStudentDto;
  /** The student of the same school with the row's e-mail, whom the row updates. */
  existingStudentId?: string;
}

/**
 * Checks a school's roster file row by row against the same DTO as POST /api/students, plus what
 * only the whole file shows: programmes of the school, e-mails repeated in the file or taken by
 * an account that is not a student of this school. A row whose e-mail is a student of the school
 * (a returning student, next year's roster) names that student, to be updated.
 */
export class RosterImport {
  constructor(private readonly db: DataSource) {}

  async validate(schoolId: string, bytes: Buffer): Promise<RosterRow[]> {
    const records = await readCsvTable(bytes, ROSTER_CSV_COLUMNS);
    const programmeIdOf = await readProgrammeCells(this.db, schoolId);
    const accounts = await this.accounts(
      schoolId,
      records.map((r) => normaliseEmail(r.values.email)),
    );
    const firstRowOf = new Map<string, number>();
    const report = new RowReport();

    const inputs = await mapRows(records, ({ row, values }) => {
      const email = normaliseEmail(values.email);
      if (accounts.has(email) && accounts.get(email) === null) {
        report.add(row, 'email', { code: 'account.email_taken', message: EMAIL_UNUSABLE });
      }
      const firstRow = firstRowOf.get(email);
      if (email && firstRow !== undefined) {
        report.add(row, 'email', {
          code: 'import.repeated_value',
          message: `email ${email} is repeated from line ${firstRow + 1}`,
          params: { value: email, line: firstRow + 1 },
        });
      } else firstRowOf.set(email, row);

      const programmeId = programmeIdOf(values.programme);
      if (!programmeId) {
        report.add(row, 'programme', {
          code: 'import.unknown_value',
          message: `'${values.programme}' is not a programme of the school`,
          params: { value: values.programme },
        });
      }
      const plain = {
        email,
        fullName: values.name,
        programmeId,
        birthDate: values.birthDate,
        languages: values.languages ? listCell(values.languages) : undefined,
        availableFrom: values.availableFrom,
        availableTo: values.availableTo,
        expectedCompletion: values.expectedCompletion || undefined,
      };
      const unresolved = programmeId ? [] : ['programmeId'];
      return validateRow(CreateStudentDto, plain, row, report, COLUMN_OF, unresolved);
    });
    if (!report.ok) throw new InvalidRowsError(report.errors, report.invalidRows);
    return (inputs as CreateStudentDto[]).map((input, index) => ({
      row: records[index].row,
      input,
      existingStudentId: accounts.get(input.email) ?? undefined,
    }));
  }

  /**
   * The accounts the file's e-mails already have: the id of the school's own student whose
   * account it is, or null for any other account (another school's student, staff), which the
   * import refuses: moving a student between schools is the enrolment's to do.
   */
  private async accounts(schoolId: string, emails: string[]): Promise<Map<string, string | null>> {
    const rows: { email: string; studentId: string | null }[] = await this.db.query(
      `SELECT u.email, s.id AS "studentId"
         FROM users u
         LEFT JOIN students s ON s.user_id = u.id AND s.school_id = $2 AND u.role = 'student'
        WHERE u.email = ANY($1::text[])`,
      [emails, schoolId],
    );
    return new Map(rows.map((row) => [row.email, row.studentId]));
  }
}

const normaliseEmail = (value: string | undefined) => (value ?? '').trim().toLowerCase();

/** The fields of a profile a roster row sets, as the access log and the preview name them. */
export const ROSTER_FIELDS = [
  'fullName',
  'programmeId',
  'birthDate',
  'languages',
  'availableFrom',
  'availableTo',
  'expectedCompletion',
] as const;
export type RosterField = (typeof ROSTER_FIELDS)[number];

/** What a roster row would change of a returning student, as PATCH /api/students/:id takes it. */
export type RosterChanges = Partial<
  Pick<CreateStudentDto, Exclude<RosterField, 'expectedCompletion'>>
> & {
  expectedCompletion?: string;
};

/** The current values of a returning student, as the roster sets them. */
export interface RosterCurrent {
  fullName: string;
  programmeId: string;
  birthDate: string;
  languages: readonly string[];
  availableFrom: string;
  availableTo: string;
  expectedCompletion: string | null;
}

/**
 * The fields a row changes of the student it names. An empty optional cell (languages, expected
 * completion) leaves what the student has: last year's roster may have said more than this one.
 */
export function rosterChanges(current: RosterCurrent, input: CreateStudentDto): RosterChanges {
  const changes: RosterChanges = {};
  for (const field of [
    'fullName',
    'programmeId',
    'birthDate',
    'availableFrom',
    'availableTo',
  ] as const) {
    if (input[field] !== current[field]) changes[field] = input[field];
  }
  if (input.languages && !sameItems(input.languages, current.languages)) {
    changes.languages = input.languages;
  }
  if (input.expectedCompletion && input.expectedCompletion !== current.expectedCompletion) {
    changes.expectedCompletion = input.expectedCompletion;
  }
  return changes;
}

const sameItems = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((item) => b.includes(item));
