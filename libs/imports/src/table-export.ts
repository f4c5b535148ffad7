import { Workbook } from 'exceljs';

/** The file formats every list and report can be downloaded in, beside its JSON. */
export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Rows a list export carries at most: the same bound as a CSV upload. */
export const MAX_EXPORT_ROWS = 5_000;

export type ExportCell = string | number | null;

/** One column of an exported table: its header and how a row fills it. */
export interface ExportColumn<Row> {
  header: string;
  value: (row: Row) => ExportCell;
}

/** A list or report as a table: what both formats are written from, so they cannot differ. */
export interface ExportTable {
  /** The worksheet's name in the xlsx file (at most 31 characters, as Excel allows). */
  sheet: string;
  headers: string[];
  rows: ExportCell[][];
}

export interface ExportFile {
  contentType: string;
  /** `<baseName>.<format>` in any script, without the characters a file system refuses. */
  fileName: string;
  body: Buffer;
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export function exportTable<Row>(
  sheet: string,
  columns: readonly ExportColumn<Row>[],
  rows: readonly Row[],
): ExportTable {
  return {
    sheet: sheet.slice(0, 31),
    headers: columns.map((column) => column.header),
    rows: rows.map((row) => columns.map((column) => column.value(row))),
  };
}

/**
 * A text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, a tab or a carriage
 * return first) gets a leading apostrophe: a name typed by one user must not run in another's
 * spreadsheet. Numbers are written as they are.
 */
function csvCell(cell: ExportCell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  const text = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 lines ending in a line feed; an empty cell for null. */
export function tableCsv(table: ExportTable): string {
  const lines = [table.headers, ...table.rows].map((cells) => cells.map(csvCell).join(','));
  return `${lines.join('\n')}\n`;
}

/** One worksheet: the headers in bold and frozen, numbers as numbers, null as an empty cell. */
export async function tableXlsx(table: ExportTable): Promise<Buffer> {
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet(table.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(table.headers).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row.map((cell) => cell ?? undefined));
  sheet.columns.forEach((column, index) => {
    const widest = Math.max(
      table.headers[index]?.length ?? 0,
      ...table.rows.map((row) => String(row[index] ?? '').length),
    );
    column.width = Math.min(60, Math.max(8, widest + 2));
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The file to send: its type, its name (`<baseName>.<format>`) and its bytes. */
export async function exportFile(
  table: ExportTable,
  format: ExportFormat,
  baseName: string,
): Promise<ExportFile> {
  const body = format === 'csv' ? Buffer.from(tableCsv(table), 'utf8') : await tableXlsx(table);
  const name = [...baseName.replace(/["]+/g, '')]
    .map((c) => (c.charCodeAt(0) < 0x20 || c === '\u007f' || '\\/:*?<>|'.includes(c) ? '-' : c))
    .join('')
    .replace(/-+/g, '-')
    .trim();
  return { contentType: CONTENT_TYPES[format], fileName: `${name || 'export'}.${format}`, body };
}

/** Danish letters an ASCII name spells out rather than drops. */
const ASCII_SPELLINGS: Record<string, string> = {
  æ: 'ae',
  Æ: 'Ae',
  ø: 'oe',
  Ø: 'Oe',
  å: 'aa',
  Å: 'Aa',
  ß: 'ss',
  '–': '-',
  '—': '-',
};

/** The name as a browser that reads only `filename=` shows it: printable ASCII, no quotes. */
export function asciiFileName(fileName: string): string {
  return fileName
    .replace(/[æÆøØåÅß–—]/g, (letter) => ASCII_SPELLINGS[letter])
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]|["\\%]/g, '_');
}

/** RFC 5987 ext-value: UTF-8, percent-encoded except the attr-chars. */
function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * The Content-Disposition of a download (RFC 6266): an ASCII `filename=` for old clients and
 * `filename*=UTF-8''…` with the real name, so "Kalundborg Gymnasium – elever" keeps its letters.
 */
export function contentDisposition(fileName: string): string {
  return `attachment; filename="${asciiFileName(fileName)}"; filename*=UTF-8''${rfc5987(fileName)}`;
}
