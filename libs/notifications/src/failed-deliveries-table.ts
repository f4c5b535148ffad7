import { ExportColumn, exportTable, ExportTable } from '@app/imports';
import { FailedDeliveryView } from './failed-deliveries.service';

/** Failed notifications as a table (CSV, xlsx): what, to whom, how often tried, the last error. */
export function failedDeliveriesTable(items: readonly FailedDeliveryView[]): ExportTable {
  const columns: ExportColumn<FailedDeliveryView>[] = [
    { header: 'createdAt', value: (f) => f.createdAt.toISOString() },
    { header: 'event', value: (f) => f.event },
    { header: 'channel', value: (f) => f.channel },
    { header: 'recipientEmail', value: (f) => f.recipientEmail },
    { header: 'attempts', value: (f) => f.attempts },
    { header: 'lastError', value: (f) => f.lastError },
  ];
  return exportTable('Failed notifications', columns, items);
}
