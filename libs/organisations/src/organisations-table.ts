import { ExportColumn, exportTable, ExportTable } from '@app/imports';

interface Listed {
  name: string;
  kind: string;
  slug: string;
  description: string;
}

/** The organisations as a table (CSV, xlsx), by name as the list shows them. */
export function organisationsTable(items: readonly Listed[]): ExportTable {
  const columns: ExportColumn<Listed>[] = [
    { header: 'name', value: (o) => o.name },
    { header: 'kind', value: (o) => o.kind },
    { header: 'slug', value: (o) => o.slug },
    { header: 'description', value: (o) => o.description },
  ];
  return exportTable('Organisations', columns, items);
}
