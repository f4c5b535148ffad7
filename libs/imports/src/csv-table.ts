import { ErrorCode, ErrorParams, InvalidInputError, RowError } from '@app/errors';
import { parse } from 'csv-parse';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Reading uploaded CSV tables (rosters, slot lists): a header line naming the columns, then one
 * record per line. Every import is all or nothing, so problems are collected per row rather than
 * stopping at the first one.
 *
 * An upload must not hold up the other requests of the api: the file's shape is bounded before
 * any per-column or per-row work (a scan of the bytes for NUL and for the header's width, a limit
 * on the characters of a row and on the number of rows while parsing), every check is linear, and
 * the parser reads the file in small pieces, giving the event loop back between them.
 */

export const MAX_IMPORT_BYTES = 1024 * 1024;
export const MAX_IMPORT_ROWS = 5000;
/** Characters in one line of the file; the longest legitimate row (a slot) has about 8,000. */
export const MAX_IMPORT_ROW_CHARS = 16_000;
/** Problems listed in a refused upload's answer; the rest are counted. */
export const MAX_LISTED_ROW_ERRORS = 100;
/** Bytes parsed between two turns of the event loop. */
const PIECE_BYTES = 1024;
const NEWLINE = 0x0a;
const COMMA = 0x2c;
const SEMICOLON = 0x3b;
const QUOTE = 0x22;

export interface CsvRecord {
  /** 1-based number of the data row; the header line is not counted. */
  row: number;
  values: Record<string, string>;
}

export interface CsvColumns {
  required: readonly string[];
  optional?: readonly string[];
}

export async function readCsvTable(upload: Buffer, columns: CsvColumns): Promise<CsvRecord[]> {
  const known = new Set([...columns.required, ...(columns.optional ?? [])]);
  const bytes = asUtf8(upload);
  const delimiter = delimiterOf(bytes);
  checkBytes(bytes, known, delimiter);
  const [header, ...records] = await parseLines(bytes, delimiter);
  if (!header) throw fileError('import.empty', 'file is empty: expected a header line and rows');
  checkHeader(header, columns, known);
  if (records.length === 0) throw fileError('import.no_rows', 'file has a header but no rows');
  return records.map((record, index) => {
    const values: Record<string, string> = {};
    header.forEach((name, column) => (values[name] = record[column] ?? ''));
    return { row: index + 1, values };
  });
}

/** A problem of the whole file (line 1 is its header), with a code the client words. */
function fileError(code: ErrorCode, message: string, params?: ErrorParams): InvalidInputError {
  return new InvalidInputError(message, { code, field: 'file', params });
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * The file as UTF-8: UTF-8 as it is (with or without a byte order mark); anything that is not
 * valid UTF-8 read as Windows-1252, which Excel in Danish saves as "CSV (semikolonsepareret)".
 * Every byte sequence is valid Windows-1252, so the question is only whether it is UTF-8.
 */
function asUtf8(bytes: Buffer): Buffer {
  if (bytes.subarray(0, 3).equals(UTF8_BOM)) return bytes;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return bytes;
  } catch {
    return Buffer.from(new TextDecoder('windows-1252').decode(bytes), 'utf8');
  }
}

/**
 * Comma or semicolon, whichever the header line holds more of (outside quotes): Excel in Danish
 * separates by semicolon, since the comma is the decimal sign there.
 */
function delimiterOf(bytes: Buffer): ',' | ';' {
  const headerEnd = bytes.indexOf(NEWLINE);
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (let i = 0; i < (headerEnd === -1 ? bytes.length : headerEnd); i++) {
    if (bytes[i] === QUOTE) quoted = !quoted;
    else if (!quoted && bytes[i] === COMMA) commas++;
    else if (!quoted && bytes[i] === SEMICOLON) semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

/** One pass over the bytes: no NUL anywhere, and no more delimiters in the header than columns. */
function checkBytes(bytes: Buffer, known: ReadonlySet<string>, delimiter: ',' | ';'): void {
  if (bytes.includes(0)) {
    throw fileError(
      'import.nul_character',
      'file contains a NUL character; expected a text file (UTF-8 or Windows-1252)',
    );
  }
  const separator = delimiter === ';' ? SEMICOLON : COMMA;
  const headerEnd = bytes.indexOf(NEWLINE);
  let separators = 0;
  for (let i = 0; i < (headerEnd === -1 ? bytes.length : headerEnd); i++) {
    if (bytes[i] === separator) separators++;
  }
  if (separators + 1 > known.size) {
    throw fileError(
      'import.too_wide',
      `file header has more than ${known.size} columns; expected: ${[...known].join(',')}`,
      { max: known.size, expected: [...known].join(',') },
    );
  }
}

async function parseLines(bytes: Buffer, delimiter: ',' | ';'): Promise<string[][]> {
  const parser = Readable.from(pieces(bytes)).pipe(
    parse({
      bom: true,
      delimiter,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: false,
      max_record_size: MAX_IMPORT_ROW_CHARS,
    }),
  );
  const lines: string[][] = [];
  try {
    for await (const line of parser) {
      lines.push(line as string[]);
      if (lines.length > MAX_IMPORT_ROWS + 1) {
        parser.destroy();
        throw fileError('import.too_many_rows', `file has more than ${MAX_IMPORT_ROWS} rows`, {
          max: MAX_IMPORT_ROWS,
        });
      }
    }
  } catch (error) {
    if (error instanceof InvalidInputError) throw error;
    // The parser's messages are short, but may quote a field: keep the answer short too.
    const message = (error as Error).message.slice(0, 200);
    throw fileError('import.not_csv', `file is not valid CSV: ${message}`);
  }
  return lines;
}

async function* pieces(bytes: Buffer): AsyncGenerator<Buffer> {
  for (let offset = 0; offset < bytes.length; offset += PIECE_BYTES) {
    yield bytes.subarray(offset, offset + PIECE_BYTES);
    await nextTurn();
  }
}

function checkHeader(header: string[], columns: CsvColumns, known: ReadonlySet<string>): void {
  const present = new Set<string>();
  const repeated = new Set<string>();
  for (const name of header) (present.has(name) ? repeated : present).add(name);
  const missing = columns.required.filter((name) => !present.has(name));
  const unknown = [...present].filter((name) => !known.has(name));
  const problems = [
    missing.length > 0 && `missing column(s): ${missing.join(', ')}`,
    unknown.length > 0 && `unknown column(s): ${names(unknown)}`,
    repeated.size > 0 && `repeated column(s): ${names([...repeated])}`,
  ].filter(Boolean);
  if (problems.length > 0) {
    throw fileError(
      'import.bad_header',
      `file header is wrong (${problems.join('; ')}); expected: ${[...known].join(',')}`,
      {
        missing: missing.join(', '),
        unknown: names(unknown),
        repeated: names([...repeated]),
        expected: [...known].join(','),
      },
    );
  }
}

/** Column names from the file, as few and as short as an answer needs. */
function names(list: string[]): string {
  const shown = list.slice(0, 5).map((name) => (name.length > 40 ? `${name.slice(0, 40)}…` : name));
  return list.length > shown.length
    ? `${shown.join(', ')} and ${list.length - shown.length} more`
    : shown.join(', ');
}

/** Longest stretch of row checks before the event loop gets a turn. */
const MAX_TURN_MS = 10;

/**
 * `records.map(check)`, giving the event loop a turn every 10 ms: checking 5,000 rows against a
 * DTO takes long enough to hold up every other request otherwise.
 */
export async function mapRows<T, R>(records: readonly T[], check: (record: T) => R): Promise<R[]> {
  const results: R[] = [];
  let turnStarted = performance.now();
  for (const record of records) {
    if (performance.now() - turnStarted > MAX_TURN_MS) {
      await nextTurn();
      turnStarted = performance.now();
    }
    results.push(check(record));
  }
  return results;
}

/** Splits a list cell such as "da;en"; an empty cell is an empty list. */
export function listCell(value: string): string[] {
  return value
    .split(';')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

/**
 * Collects the row errors of a whole file before deciding to store anything. Only the first
 * MAX_LISTED_ROW_ERRORS are kept, so a file of bad rows does not earn an answer as large as itself.
 */
export class RowReport {
  readonly errors: RowError[] = [];
  private readonly rows = new Set<number>();

  /** `row` counts data rows from 1; the answer names the file's line too (the header is line 1). */
  add(
    row: number,
    field: string,
    problem: { code: RowError['code']; message: string; params?: ErrorParams },
  ): void {
    this.rows.add(row);
    if (this.errors.length < MAX_LISTED_ROW_ERRORS) {
      this.errors.push({ line: row + 1, row, field, ...problem });
    }
  }

  /** How many rows have a problem, listed or not. */
  get invalidRows(): number {
    return this.rows.size;
  }

  get ok(): boolean {
    return this.rows.size === 0;
  }
}
