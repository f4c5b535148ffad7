import { ExportColumn, exportTable, ExportTable } from '@app/imports';
import { HiringNeedView } from './hiring-needs.service';

/**
 * An organisation's hiring needs as a table (CSV, xlsx): per programme (as `school/code`, which
 * names it whatever other schools call their programmes) and year; the import takes it back.
 */
export function hiringNeedsTable(items: readonly HiringNeedView[]): ExportTable {
  const columns: ExportColumn<HiringNeedView>[] = [
    { header: 'programme', value: (n) => `${n.schoolSlug}/${n.programmeCode}` },
    { header: 'year', value: (n) => n.year },
    { header: 'count', value: (n) => n.count },
    { header: 'programmeName', value: (n) => n.programmeName },
    { header: 'school', value: (n) => n.schoolName },
    { header: 'updatedAt', value: (n) => n.updatedAt.toISOString() },
  ];
  return exportTable('Hiring needs', columns, items);
}
