import { ExportColumn, exportTable, ExportTable } from '@app/imports';
import { OutcomeListItem } from './outcomes.service';

/** The list of outcomes as a table (CSV, xlsx): who, where, when it ended, what was recorded. */
export function outcomesTable(items: readonly OutcomeListItem[]): ExportTable {
  const columns: ExportColumn<OutcomeListItem>[] = [
    { header: 'student', value: (o) => o.student.fullName },
    { header: 'school', value: (o) => o.school.name },
    { header: 'host', value: (o) => o.host.name },
    { header: 'slot', value: (o) => o.slot.title },
    { header: 'endsOn', value: (o) => o.slot.endsOn },
    {
      header: 'completed',
      value: (o) => (o.outcome ? (o.outcome.completed ? 'yes' : 'no') : null),
    },
    { header: 'jobOffer', value: (o) => o.outcome?.jobOffer ?? null },
    { header: 'recordedAt', value: (o) => o.outcome?.recordedAt.toISOString() ?? null },
    { header: 'contest', value: (o) => o.contest?.reason ?? null },
    { header: 'contestedAt', value: (o) => o.contest?.contestedAt.toISOString() ?? null },
  ];
  return exportTable('Outcomes', columns, items);
}
