import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';
import { revertLastMigrationLocked, runMigrationsLocked } from './migration-runner';
import { assertPostgresReachable, ensureDatabaseExists } from './postgres';

export interface PrepareOptions {
  /** Create the database when it does not exist (demo, `migrate`, tests). */
  create?: boolean;
  /** Apply pending migrations under the advisory lock. */
  migrate?: boolean;
}

/**
 * Checks the database before an entry point starts, and optionally creates and migrates it.
 * Returns the names of the migrations applied.
 */
export async function prepareDatabase(
  databaseUrl: string,
  { create = false, migrate = false }: PrepareOptions,
): Promise<string[]> {
  if (create) await ensureDatabaseExists(databaseUrl);
  await assertPostgresReachable(databaseUrl);
  if (!migrate) return [];
  return withDataSource(databaseUrl, runMigrationsLocked);
}

export async function revertLastMigration(databaseUrl: string): Promise<void> {
  await assertPostgresReachable(databaseUrl);
  await withDataSource(databaseUrl, revertLastMigrationLocked);
}

async function withDataSource<T>(databaseUrl: string, work: (ds: DataSource) => Promise<T>) {
  const dataSource = new DataSource({ ...dataSourceOptions(databaseUrl), logging: false });
  await dataSource.initialize();
  try {
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
