import { InvalidConfigError, ServiceUnavailableError } from '@app/config';
import { DataSource, QueryRunner } from 'typeorm';
import { dataSourceOptions } from './data-source-options';
import { ensureOwnedDatabase, ensureRoles, roleOf, runtimeGrants } from './database-roles';
import { revertLastMigrationLocked, runMigrationsLocked } from './migration-runner';
import { assertPostgresReachable, ensureDatabaseExists, isConnectionError } from './postgres';

/** The three connections of AppConfig that preparing a database uses. */
export interface DatabaseSettings {
  /** The runtime role's connection: what the api and worker use. */
  DATABASE_URL: string;
  /** The owner role's connection to the same database: what migrations use. */
  DATABASE_OWNER_URL: string;
  /** A superuser's connection to the same server, to create the roles and the database. */
  DATABASE_ADMIN_URL?: string;
}

/** One role that both migrates and serves (benchmarks, which measure speed, not privileges). */
export function asOneRole(databaseUrl: string): DatabaseSettings {
  return { DATABASE_URL: databaseUrl, DATABASE_OWNER_URL: databaseUrl };
}

export interface PrepareOptions {
  /**
   * Create what is missing (demo, `migrate`, tests): with DATABASE_ADMIN_URL the two roles and
   * the database owned by the owner role; without it only the database, as the owner.
   */
  create?: boolean;
  /** Apply pending migrations as the owner, under the advisory lock, then grant the runtime. */
  migrate?: boolean;
  /** Refuse a runtime connection that is a superuser or owns tables (production). */
  leastPrivilege?: boolean;
}

/**
 * Checks the database before an entry point starts, and optionally creates and migrates it.
 * Returns the names of the migrations applied.
 */
export async function prepareDatabase(
  settings: DatabaseSettings,
  { create = false, migrate = false, leastPrivilege = false }: PrepareOptions,
): Promise<string[]> {
  if (create) await createMissing(settings);
  await assertPostgresReachable(settings.DATABASE_URL);
  const applied = migrate
    ? await withDataSource(settings.DATABASE_OWNER_URL, (ds) =>
        runMigrationsLocked(ds, (runner) => grantRuntime(runner, settings.DATABASE_URL)),
      )
    : [];
  if (leastPrivilege) await assertLeastPrivilege(settings.DATABASE_URL);
  return applied;
}

export async function revertLastMigration(settings: DatabaseSettings): Promise<void> {
  await assertPostgresReachable(settings.DATABASE_OWNER_URL);
  await withDataSource(settings.DATABASE_OWNER_URL, revertLastMigrationLocked);
}

async function createMissing(settings: DatabaseSettings): Promise<void> {
  const admin = settings.DATABASE_ADMIN_URL;
  if (!admin) {
    await ensureDatabaseExists(settings.DATABASE_OWNER_URL);
    return;
  }
  const owner = roleOf(settings.DATABASE_OWNER_URL);
  const runtime = roleOf(settings.DATABASE_URL);
  try {
    await ensureRoles(admin, runtime.name === owner.name ? [owner] : [owner, runtime]);
    await ensureOwnedDatabase(admin, settings.DATABASE_URL, owner.name);
  } catch (error) {
    if (isConnectionError(error)) throw new ServiceUnavailableError('PostgreSQL', admin, error);
    throw error;
  }
}

/** Run by the owner under the migration lock, after the migrations, in one transaction. */
async function grantRuntime(runner: QueryRunner, runtimeUrl: string): Promise<void> {
  const runtime = roleOf(runtimeUrl).name;
  const [{ owner }] = await runner.query(`SELECT current_user AS owner`);
  if (runtime === owner) return; // one role for both: nothing to give or take
  const tables: { name: string }[] = await runner.query(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'`,
  );
  await runner.startTransaction();
  try {
    for (const statement of runtimeGrants(runtime, new Set(tables.map((t) => t.name)))) {
      await runner.query(statement);
    }
    await runner.commitTransaction();
  } catch (error) {
    await runner.rollbackTransaction();
    throw error;
  }
}

/**
 * In production the api and worker refuse a runtime connection that could rewrite history: a
 * superuser passes every privilege check and may set session_replication_role, and a table's
 * owner may alter, disable the triggers of, or drop it.
 */
async function assertLeastPrivilege(runtimeUrl: string): Promise<void> {
  await withDataSource(runtimeUrl, async (ds) => {
    const [role]: { name: string; superuser: boolean; owned: number }[] = await ds.query(
      `SELECT r.rolname AS name, r.rolsuper AS superuser,
              (SELECT count(*)::int FROM pg_class c
                WHERE c.relowner = r.oid AND c.relkind IN ('r', 'p')
                  AND c.relnamespace NOT IN ('pg_catalog'::regnamespace,
                                             'information_schema'::regnamespace)) AS owned
         FROM pg_roles r WHERE r.rolname = current_user`,
    );
    const fix =
      'the api and worker must connect as the runtime role, migrations as DATABASE_OWNER_URL ' +
      '(README, "Running in production")';
    if (role.superuser) {
      throw new InvalidConfigError(
        `DATABASE_URL connects as ${role.name}, a PostgreSQL superuser: ${fix}.`,
      );
    }
    if (role.owned > 0) {
      throw new InvalidConfigError(
        `DATABASE_URL connects as ${role.name}, the owner of ${role.owned} tables: ${fix}.`,
      );
    }
  });
}

async function withDataSource<T>(databaseUrl: string, work: (ds: DataSource) => Promise<T>) {
  const dataSource = new DataSource({
    ...dataSourceOptions(databaseUrl),
    logging: false,
    extra: { max: 2, connectionTimeoutMillis: 5000 },
  });
  await dataSource.initialize();
  try {
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
