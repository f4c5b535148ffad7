import { ExportColumn, exportTable, ExportTable } from '@app/imports';
import { PlacementView } from './placements.service';

const iso = (at: Date | null) => (at ? at.toISOString() : null);

/**
 * Offers and placements as a table (CSV, xlsx): the student's name and e-mail only where the
 * caller's view has them, the guardian's answer as its state, never the guardian's address.
 */
export function placementsListTable(items: readonly PlacementView[]): ExportTable {
  const columns: ExportColumn<PlacementView>[] = [
    { header: 'student', value: (p) => p.student?.fullName ?? null },
    { header: 'email', value: (p) => p.student?.email ?? null },
    { header: 'slot', value: (p) => p.slot.title },
    { header: 'organisation', value: (p) => p.slot.organisation.name },
    { header: 'site', value: (p) => p.slot.site },
    { header: 'startsOn', value: (p) => p.slot.startsOn },
    { header: 'endsOn', value: (p) => p.slot.endsOn },
    { header: 'status', value: (p) => p.status },
    { header: 'guardianConsent', value: (p) => p.guardianConsent?.state ?? null },
    { header: 'offeredAt', value: (p) => iso(p.offeredAt) },
    { header: 'deadlineAt', value: (p) => iso(p.deadlineAt) },
    { header: 'answeredAt', value: (p) => iso(p.answeredAt) },
    { header: 'confirmedAt', value: (p) => iso(p.confirmedAt) },
  ];
  return exportTable('Placements', columns, items);
}
