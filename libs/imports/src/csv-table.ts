import { InvalidInputError, RowError } from '@app/errors';
import { parse } from 'csv-parse/sync';

/**
 * Reading uploaded CSV tables (rosters, slot lists): a header line naming the columns, then one
 * record per line. Every import is all or nothing, so problems are collected per row rather than
 * stopping at the first one.
 */

export const MAX_IMPORT_BYTES = 1024 * 1024;
export const MAX_IMPORT_ROWS = 5000;

export interface CsvRecord {
  /** 1-based number of the data row; the header line is not counted. */
  row: number;
  values: Record<string, string>;
}

export interface CsvColumns {
  required: readonly string[];
  optional?: readonly string[];
}

export function readCsvTable(bytes: Buffer, columns: CsvColumns): CsvRecord[] {
  const [header, ...records] = parseLines(bytes);
  if (!header) throw new InvalidInputError('file is empty: expected a header line and rows');
  checkHeader(header, columns);
  if (records.length === 0) throw new InvalidInputError('file has a header but no rows');
  if (records.length > MAX_IMPORT_ROWS) {
    throw new InvalidInputError(`file has more than ${MAX_IMPORT_ROWS} rows`);
  }
  return records.map((record, index) => ({
    row: index + 1,
    values: Object.fromEntries(header.map((name, column) => [name, record[column] ?? ''])),
  }));
}

function parseLines(bytes: Buffer): string[][] {
  try {
    return parse(bytes, {
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: false,
    });
  } catch (error) {
    throw new InvalidInputError(`file is not valid CSV: ${(error as Error).message}`);
  }
}

function checkHeader(header: string[], columns: CsvColumns): void {
  const known = new Set([...columns.required, ...(columns.optional ?? [])]);
  const missing = columns.required.filter((name) => !header.includes(name));
  const unknown = header.filter((name) => !known.has(name));
  const repeated = header.filter((name, index) => header.indexOf(name) !== index);
  const problems = [
    missing.length > 0 && `missing column(s): ${missing.join(', ')}`,
    unknown.length > 0 && `unknown column(s): ${unknown.join(', ')}`,
    repeated.length > 0 && `repeated column(s): ${repeated.join(', ')}`,
  ].filter(Boolean);
  if (problems.length > 0) {
    throw new InvalidInputError(
      `file header is wrong (${problems.join('; ')}); expected: ${[...known].join(',')}`,
    );
  }
}

/** Splits a list cell such as "da;en"; an empty cell is an empty list. */
export function listCell(value: string): string[] {
  return value
    .split(';')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

/** Collects the row errors of a whole file before deciding to store anything. */
export class RowReport {
  readonly errors: RowError[] = [];

  add(row: number, field: string, message: string): void {
    this.errors.push({ row, field, message });
  }

  get ok(): boolean {
    return this.errors.length === 0;
  }
}
