import { Client } from 'pg';
import { splitDatabaseUrl } from './database-url';
import { ServiceUnavailableError } from '@app/config';

const CONNECT_TIMEOUT_MS = 3000;

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates the database DATABASE_URL names when it does not exist yet. Safe to race. */
export async function ensureDatabaseExists(databaseUrl: string): Promise<boolean> {
  const { name, maintenanceUrl } = splitDatabaseUrl(databaseUrl);
  try {
    return await withClient(maintenanceUrl, async (client) => {
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (found.rowCount) return false;
      try {
        await client.query(`CREATE DATABASE "${name}"`);
        return true;
      } catch (error) {
        // created by a racer: found by name (42P04), or by the catalogue's unique index (23505)
        const code = (error as { code?: string }).code;
        if (code === '42P04' || code === '23505') return false;
        throw error;
      }
    });
  } catch (error) {
    if (isConnectionError(error))
      throw new ServiceUnavailableError('PostgreSQL', databaseUrl, error);
    throw error;
  }
}

/**
 * Drops the database DATABASE_URL names, disconnecting whoever still uses it (test databases
 * only): as the admin when there is one, else as the owner.
 */
export async function dropDatabase(settings: {
  DATABASE_URL: string;
  DATABASE_OWNER_URL: string;
  DATABASE_ADMIN_URL?: string;
}): Promise<void> {
  const { name } = splitDatabaseUrl(settings.DATABASE_URL);
  const { maintenanceUrl } = splitDatabaseUrl(
    settings.DATABASE_ADMIN_URL ?? settings.DATABASE_OWNER_URL,
  );
  await withClient(maintenanceUrl, (client) =>
    client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  );
}

/**
 * Fails fast with one clear line when the PostgreSQL server DATABASE_URL names cannot be
 * reached; the database itself may not exist yet (entry points that create it check this first).
 */
export async function assertPostgresServerReachable(databaseUrl: string): Promise<void> {
  try {
    await withClient(splitDatabaseUrl(databaseUrl).maintenanceUrl, (client) =>
      client.query('SELECT 1'),
    );
  } catch (error) {
    if (isConnectionError(error))
      throw new ServiceUnavailableError('PostgreSQL', databaseUrl, error);
    // The server answered: a role that does not exist yet is for the set-up to create.
    if ((error as { code?: string }).code?.startsWith('28')) return;
    throw error;
  }
}

/** Fails fast with one clear line when PostgreSQL or the database cannot be reached. */
export async function assertPostgresReachable(databaseUrl: string): Promise<void> {
  try {
    await withClient(databaseUrl, (client) => client.query('SELECT 1'));
  } catch (error) {
    if (isConnectionError(error))
      throw new ServiceUnavailableError('PostgreSQL', databaseUrl, error);
    const code = (error as { code?: string }).code;
    if (code === '28000' || code === '28P01') {
      throw new ServiceUnavailableError(
        'PostgreSQL',
        databaseUrl,
        new Error(
          `${(error as Error).message}; create the roles as README's "Running in production" ` +
            'shows, or let `npm run migration:run` create them with DATABASE_ADMIN_URL set',
        ),
      );
    }
    if (code === '3D000') {
      throw new ServiceUnavailableError(
        'PostgreSQL',
        databaseUrl,
        new Error('the database does not exist; create it with `npm run migration:run`'),
      );
    }
    throw error;
  }
}

const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'ECONNRESET',
  'EHOSTUNREACH',
  '57P03', // the database system is starting up
]);

export function isConnectionError(error: unknown): boolean {
  if (error instanceof AggregateError) return error.errors.some(isConnectionError);
  const code = (error as { code?: string } | null)?.code;
  if (code && CONNECTION_ERROR_CODES.has(code)) return true;
  return error instanceof Error && /timeout|Connection terminated/i.test(error.message);
}
