import { ExportColumn, exportTable, ExportTable } from '@app/imports';
import { SlotView } from './slot-view';

const list = (values: readonly string[]) => values.join('; ');

/** Slots as a table (CSV, xlsx): what the slot list shows, programmes and skills joined by "; ". */
export function slotsTable(items: readonly SlotView[]): ExportTable {
  const columns: ExportColumn<SlotView>[] = [
    { header: 'title', value: (s) => s.title },
    { header: 'organisation', value: (s) => s.organisation.name },
    { header: 'status', value: (s) => s.status },
    { header: 'focusArea', value: (s) => s.focusArea },
    { header: 'programmes', value: (s) => list(s.programmes.map((p) => p.name)) },
    { header: 'skills', value: (s) => list(s.skills) },
    { header: 'language', value: (s) => s.language },
    { header: 'minAge', value: (s) => s.minAge },
    { header: 'startsOn', value: (s) => s.startsOn },
    { header: 'endsOn', value: (s) => s.endsOn },
    { header: 'capacity', value: (s) => s.capacity },
    { header: 'site', value: (s) => s.site },
    { header: 'contactName', value: (s) => s.contact.name },
    { header: 'contactEmail', value: (s) => s.contact.email },
    { header: 'contactPhone', value: (s) => s.contact.phone },
    { header: 'description', value: (s) => s.description },
  ];
  return exportTable('Slots', columns, items);
}
