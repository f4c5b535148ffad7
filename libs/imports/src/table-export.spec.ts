import { Workbook } from 'exceljs';
import { exportFile, exportTable, tableCsv, tableXlsx } from './table-export';

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

  it('names the file by its format and keeps the name to safe characters', async () => {
    const file = await exportFile(table, 'csv', 'placements-school-Runde "forår" 2027');
    expect(file.fileName).toBe('placements-school-Runde-for-r-2027.csv');
    expect(file.contentType).toBe('text/csv; charset=utf-8');
  });
});
