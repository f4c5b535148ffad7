import { InvalidInputError } from './domain-error';

/** One problem in an uploaded table: `row` counts data rows from 1 (the header is not a row). */
export interface RowError {
  row: number;
  field: string;
  message: string;
}

/** A CSV upload with rows that break the rules; nothing of it was stored. */
export class InvalidRowsError extends InvalidInputError {
  constructor(readonly errors: RowError[]) {
    super(
      `${new Set(errors.map((e) => e.row)).size} row(s) of the file are invalid; nothing was imported`,
    );
  }
}
