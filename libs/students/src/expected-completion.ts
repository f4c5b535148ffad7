import { Matches, ValidationOptions } from 'class-validator';

/** A year and month of completion, `YYYY-MM`, 2000-01 to 2100-12 (the database's CHECKs). */
const YEAR_MONTH = /^(20\d{2}|2100)-(0[1-9]|1[0-2])$/;

export const IsYearMonth = (options?: ValidationOptions) =>
  Matches(YEAR_MONTH, { message: '$property must be a year and month, YYYY-MM', ...options });

export interface YearMonth {
  expectedCompletionYear: number | null;
  expectedCompletionMonth: number | null;
}

/** `2027-06` as the two columns; null clears both. */
export function toYearMonth(value: string | null): YearMonth {
  if (value === null) return { expectedCompletionYear: null, expectedCompletionMonth: null };
  const [year, month] = value.split('-').map(Number);
  return { expectedCompletionYear: year!, expectedCompletionMonth: month! };
}

/** SQL for the two columns of the row `alias` (a student or an enrolment request) as `YYYY-MM`, or null. */
export const expectedCompletionSql = (alias: string) => `CASE
  WHEN ${alias}.expected_completion_year IS NULL THEN NULL
  ELSE ${alias}.expected_completion_year || '-' || lpad(${alias}.expected_completion_month::text, 2, '0')
  END`;

/** The same for students `s`. */
export const EXPECTED_COMPLETION_SQL = expectedCompletionSql('s');
