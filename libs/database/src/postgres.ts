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
        if ((error as { code?: string }).code === '42P04') return false; // created by a racer
        throw error;
      }
    });
  } catch (error) {
    if (isConnectionError(error))
      throw new ServiceUnavailableError('PostgreSQL', databaseUrl, error);
    throw error;
  }
}

/** Drops a database, disconnecting whoever still uses it (test databases only). */
export async function dropDatabase(databaseUrl: string): Promise<void> {
  const { name, maintenanceUrl } = splitDatabaseUrl(databaseUrl);
  await withClient(maintenanceUrl, (client) =>
    client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  );
}

/** Fails fast with one clear line when PostgreSQL or the database cannot be reached. */
export async function assertPostgresReachable(databaseUrl: string): Promise<void> {
  try {
    await withClient(databaseUrl, (client) => client.query('SELECT 1'));
  } catch (error) {
    if (isConnectionError(error))
      throw new ServiceUnavailableError('PostgreSQL', databaseUrl, error);
    if ((error as { code?: string }).code === '3D000') {
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
