import { Workbook } from 'exceljs';
import request from 'supertest';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** supertest keeps a binary answer as bytes only when asked to. */
export function binary(res: request.Response, done: (error: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

/** The first worksheet's rows, as cell values (an empty cell as null). */
export async function sheetRows(bytes: Buffer): Promise<(string | number | null)[][]> {
  const workbook = new Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const rows: (string | number | null)[][] = [];
  workbook.worksheets[0].eachRow({ includeEmpty: false }, (row) => {
    const width = row.cellCount;
    rows.push(
      Array.from({ length: width }, (_, index) => {
        const value = row.getCell(index + 1).value;
        return value === null || value === undefined ? null : (value as string | number);
      }),
    );
  });
  return rows;
}

/** A CSV answer's lines split into cells; good for files without quoted commas or newlines. */
export function csvRows(text: string): string[][] {
  return text
    .trim()
    .split('\n')
    .map((line) => line.split(','));
}
