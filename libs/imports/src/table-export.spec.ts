import { Workbook } from 'exceljs';
import {
  asciiFileName,
  contentDisposition,
  exportFile,
  exportTable,
  tableCsv,
  tableXlsx,
} from './table-export';

const people = [
  { name: 'Asta', count: 7 },
  { name: 'Bo, "B"', count: null },
  { name: '=1+1', count: 0 },
];
const table = exportTable(
  'A sheet whose name is longer than Excel allows',
  [
    { header: 'name', value: (row: (typeof people)[number]) => row.name },
    { header: 'count', value: (row: (typeof people)[number]) => row.count },
  ],
  people,
);

describe('table export', () => {
  it('writes RFC 4180 CSV: quotes where needed, null as empty, formulas as text', () => {
    expect(tableCsv(table)).toBe('name,count\nAsta,7\n"Bo, ""B""",\n\'=1+1,0\n');
  });

  it('writes one worksheet with the same cells, numbers as numbers', async () => {
    const workbook = new Workbook();
    await workbook.xlsx.load((await tableXlsx(table)) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toHaveLength(31);
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows).toEqual([['name', 'count'], ['Asta', 7], ['Bo, "B"'], ['=1+1', 0]]);
  });

  it('names the file by its format, keeping its letters and dropping what a file system refuses', async () => {
    const file = await exportFile(table, 'csv', 'placements-school-Runde "forår" 2027/28');
    expect(file.fileName).toBe('placements-school-Runde forår 2027-28.csv');
    expect(file.contentType).toBe('text/csv; charset=utf-8');
  });

  it('sends an ASCII filename beside the UTF-8 one (RFC 5987)', () => {
    expect(contentDisposition('Kalundborg Gymnasium – elever.xlsx')).toBe(
      `attachment; filename="Kalundborg Gymnasium - elever.xlsx"; ` +
        `filename*=UTF-8''Kalundborg%20Gymnasium%20%E2%80%93%20elever.xlsx`,
    );
    expect(contentDisposition("Århus Skole's (ny) *.csv")).toBe(
      `attachment; filename="Aarhus Skole's (ny) *.csv"; ` +
        `filename*=UTF-8''%C3%85rhus%20Skole%27s%20%28ny%29%20%2A.csv`,
    );
    expect(contentDisposition('students.csv')).toBe(
      `attachment; filename="students.csv"; filename*=UTF-8''students.csv`,
    );
  });

  it('spells out Danish letters and drops accents and other scripts in the ASCII name', () => {
    expect(asciiFileName('Sønderborg Æblegård – Crème 日本.csv')).toBe(
      'Soenderborg Aeblegaard - Creme __.csv',
    );
  });
});
