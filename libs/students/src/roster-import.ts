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

/**
 * Checks a school's roster file row by row against the same DTO as POST /api/students, plus what
 * only the whole file shows: programmes of the school, e-mails repeated in the file or taken.
 */
export class RosterImport {
  constructor(private readonly db: DataSource) {}

  async validate(schoolId: string, bytes: Buffer): Promise<CreateStudentDto[]> {
    const records = await readCsvTable(bytes, ROSTER_CSV_COLUMNS);
    const programmeIdOf = await this.programmeResolver(schoolId);
    const taken = await this.takenEmails(records.map((r) => normaliseEmail(r.values.email)));
    const firstRowOf = new Map<string, number>();
    const report = new RowReport();

    const inputs = await mapRows(records, ({ row, values }) => {
      const email = normaliseEmail(values.email);
      if (taken.has(email)) {
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
    return inputs as CreateStudentDto[];
  }

  /** A programme cell names the programme by its code or its name, in any letter case. */
  private async programmeResolver(schoolId: string) {
    const rows: { id: string; code: string; name: string }[] = await this.db.query(
      `SELECT id, code, name FROM programmes WHERE school_id = $1`,
      [schoolId],
    );
    const byKey = new Map<string, string>();
    for (const row of rows) {
      byKey.set(row.code.toLowerCase(), row.id);
      byKey.set(row.name.toLowerCase(), row.id);
    }
    return (cell: string) => byKey.get(cell.trim().toLowerCase());
  }

  private async takenEmails(emails: string[]): Promise<Set<string>> {
    const rows: { email: string }[] = await this.db.query(
      `SELECT email FROM users WHERE email = ANY($1::text[])`,
      [emails],
    );
    return new Set(rows.map((row) => row.email));
  }
}

const normaliseEmail = (value: string | undefined) => (value ?? '').trim().toLowerCase();
