import { ExportColumn, exportTable, ExportTable } from '@app/imports';
import { AdminUserView } from './users.service';

/** The admin's account list as a table (CSV, xlsx); never a password or a token. */
export function usersTable(items: readonly AdminUserView[]): ExportTable {
  const yesNo = (value: boolean) => (value ? 'yes' : 'no');
  const columns: ExportColumn<AdminUserView>[] = [
    { header: 'displayName', value: (u) => u.displayName },
    { header: 'email', value: (u) => u.email },
    { header: 'role', value: (u) => u.role },
    { header: 'organisation', value: (u) => u.organisation?.name ?? null },
    { header: 'language', value: (u) => u.language },
    { header: 'activated', value: (u) => yesNo(u.activated) },
    { header: 'active', value: (u) => yesNo(u.active) },
    { header: 'lastLoginAt', value: (u) => u.lastLoginAt?.toISOString() ?? null },
    { header: 'createdAt', value: (u) => u.createdAt.toISOString() },
  ];
  return exportTable('Accounts', columns, items);
}
