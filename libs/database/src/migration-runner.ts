import { DataSource, QueryRunner } from 'typeorm';

/** Any fixed number: every process of the service takes the same lock before migrating. */
const MIGRATION_LOCK_KEY = 7_340_151;

/**
 * Applies pending migrations while holding a PostgreSQL advisory lock, so two processes that
 * start together migrate once: the second waits, then finds nothing left to do. `afterwards`
 * runs under the same lock (the runtime role's grants).
 */
export async function runMigrationsLocked(
  dataSource: DataSource,
  afterwards?: (runner: QueryRunner) => Promise<void>,
): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    await afterwards?.(runner);
    return applied.map((migration) => migration.name);
  } finally {
    await runner
      .query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY])
      .catch(() => undefined);
    await runner.release();
  }
}

/** Reverts the last applied migration under the same lock. */
export async function revertLastMigrationLocked(dataSource: DataSource): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await dataSource.undoLastMigration({ transaction: 'each' });
  } finally {
    await runner
      .query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY])
      .catch(() => undefined);
    await runner.release();
  }
}
