import { describe, expect, it } from 'vitest';
import { fileNameOf } from './download-name';

describe("a download's file name", () => {
  it('takes the UTF-8 name before the ASCII one', () => {
    const header =
      'attachment; filename="Kalundborg Gymnasium - elever.xlsx"; filename*=UTF-8\'\'Kalundborg%20Gymnasium%20%E2%80%93%20elever.xlsx';
    expect(fileNameOf(header, 'xlsx')).toBe('Kalundborg Gymnasium – elever.xlsx');
  });

  it('falls back to the ASCII name, then to a plain one', () => {
    expect(fileNameOf('attachment; filename="students.csv"', 'csv')).toBe('students.csv');
    expect(fileNameOf('attachment; filename="a.csv"; filename*=UTF-8\'\'%E2%80', 'csv')).toBe(
      'a.csv',
    );
    expect(fileNameOf(null, 'xlsx')).toBe('export.xlsx');
  });
});
