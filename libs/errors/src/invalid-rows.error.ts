import { InvalidInputError } from './domain-error';
import { ErrorCode, ErrorParams } from './error-codes';

/**
 * One problem in an uploaded table: `line` is the line of the file (the header is line 1, so
 * the first data row is line 2); `row` counts data rows from 1, kept for older clients.
 * `code` (an error code or `validation.<rule>`) is for the client to word, `message` is English.
 */
export interface RowError {
  line: number;
  row: number;
  field: string;
  code: ErrorCode | `validation.${string}`;
  message: string;
  params?: ErrorParams;
}

/**
 * A CSV upload with rows that break the rules; nothing of it was stored. `errors` may list only
 * the first problems of a long file; `invalidRows` counts every row with one.
 */
export class InvalidRowsError extends InvalidInputError {
  constructor(
    readonly errors: RowError[],
    invalidRows = new Set(errors.map((e) => e.row)).size,
  ) {
    super(
      `${invalidRows} row(s) of the file are invalid; nothing was imported` +
        (invalidRows > new Set(errors.map((e) => e.row)).size
          ? ` (the first ${errors.length} problems are listed)`
          : ''),
      { code: 'import.invalid_rows', params: { count: invalidRows, listed: errors.length } },
    );
  }
}
