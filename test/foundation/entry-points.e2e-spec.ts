import { loadConfig } from '@app/config';
import { dropDatabase, prepareDatabase } from '@app/database';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { RunningProcess, runEntryPoint, runScript } from '../support/processes';

const UNREACHABLE_POSTGRES = 'postgres://postgres@127.0.0.1:1/biotekbyen';
const UNREACHABLE_REDIS = 'redis://127.0.0.1:1';
const REDIS_LINE =
  `Redis is not reachable at ${UNREACHABLE_REDIS} (ECONNREFUSED). ` +
  'Start it (for example `docker compose up -d redis`) or set REDIS_URL.';

/** A database name of its own on the run's server, for an entry point to create (or not). */
function scratchDatabaseUrl(): string {
  const url = new URL(process.env.DATABASE_URL as string);
  url.pathname = `/biotekbyen_entry_${randomBytes(4).toString('hex')}`;
  return url.toString();
}

/** The run's settings (its roles and server) for another database. */
const settingsFor = (databaseUrl: string) =>
  loadConfig({ ...process.env, DATABASE_URL: databaseUrl });

/** Whether the database exists, and how many tables it holds. */
async function databaseState(databaseUrl: string): Promise<{ exists: boolean; tables: number }> {
  const name = new URL(databaseUrl).pathname.slice(1);
  const server = new URL(databaseUrl);
  server.pathname = '/postgres';
  const client = new Client({ connectionString: server.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!found.rowCount) return { exists: false, tables: 0 };
  } finally {
    await client.end();
  }
  const database = new Client({ connectionString: databaseUrl });
  await database.connect();
  try {
    const tables = await database.query(
      `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    return { exists: true, tables: tables.rows[0].n };
  } finally {
    await database.end();
  }
}

async function exitsWithOneLine(run: RunningProcess, line: string): Promise<void> {
  await expect(run.exited).resolves.toEqual({ code: 1, signal: null });
  expect(run.output().trim()).toBe(line);
}

describe('entry points', () => {
  it('the worker starts, reports ready, and closes everything on SIGTERM', async () => {
    const worker = runEntryPoint('apps/worker/src/main.ts', [], { LOG_LEVEL: 'info' });
    await worker.waitFor(/worker ready/);
    worker.child.kill('SIGTERM');
    await worker.waitFor(/worker stopped/);
    // Nest re-raises the signal once every module has shut down.
    await expect(worker.exited).resolves.toEqual({ code: null, signal: 'SIGTERM' });
  }, 60_000);

  it.each([
    ['api', 'apps/api/src/main.ts', []],
    ['worker', 'apps/worker/src/main.ts', []],
    ['cli migrate', 'apps/cli/src/main.ts', ['migrate']],
    ['cli seed', 'apps/cli/src/main.ts', ['seed', '--demo']],
    ['cli demo-round', 'apps/cli/src/main.ts', ['demo-round']],
  ])(
    'the %s stops with one line naming PostgreSQL when it is unreachable',
    async (_name, entry, args) => {
      const run = runEntryPoint(entry, args, {
        DATABASE_URL: UNREACHABLE_POSTGRES,
        DATABASE_OWNER_URL: UNREACHABLE_POSTGRES,
        DATABASE_ADMIN_URL: '',
      });
      await expect(run.exited).resolves.toEqual({ code: 1, signal: null });
      expect(run.output().trim()).toBe(
        `PostgreSQL is not reachable at ${UNREACHABLE_POSTGRES} (ECONNREFUSED). ` +
          'Start it (for example `docker compose up -d postgres`) or set DATABASE_URL.',
      );
    },
    60_000,
  );

  it.each([
    ['api', 'apps/api/src/main.ts'],
    ['worker', 'apps/worker/src/main.ts'],
  ])(
    'the %s stops with one line naming Redis when it is unreachable',
    async (_name, entry) => {
      const run = runEntryPoint(entry, [], {
        QUEUE_BACKEND: 'redis',
        REDIS_URL: UNREACHABLE_REDIS,
      });
      await exitsWithOneLine(run, REDIS_LINE);
    },
    60_000,
  );

  describe('checks every service before it creates, migrates or seeds anything', () => {
    const databases: string[] = [];
    const scratch = () => {
      const url = scratchDatabaseUrl();
      databases.push(url);
      return url;
    };

    afterAll(async () => {
      for (const url of databases) await dropDatabase(settingsFor(url));
    });

    it.each([
      ['api', 'apps/api/src/main.ts'],
      ['worker', 'apps/worker/src/main.ts'],
    ])(
      'the %s leaves an empty database unmigrated when Redis is unreachable',
      async (_name, entry) => {
        const databaseUrl = scratch();
        await prepareDatabase(settingsFor(databaseUrl), { create: true });
        const run = runEntryPoint(entry, [], {
          DATABASE_URL: databaseUrl,
          REDIS_URL: UNREACHABLE_REDIS,
          MIGRATE_ON_START: 'true',
        });
        await exitsWithOneLine(run, REDIS_LINE);
        await expect(databaseState(databaseUrl)).resolves.toEqual({ exists: true, tables: 0 });
      },
      60_000,
    );

    it('the cli creates no database for the demo round when Redis is unreachable', async () => {
      const databaseUrl = scratch();
      const run = runEntryPoint('apps/cli/src/main.ts', ['demo-round'], {
        DATABASE_URL: databaseUrl,
        REDIS_URL: UNREACHABLE_REDIS,
      });
      await exitsWithOneLine(run, REDIS_LINE);
      await expect(databaseState(databaseUrl)).resolves.toEqual({ exists: false, tables: 0 });
    }, 60_000);

    it('the cli migrates and seeds with PostgreSQL alone, printing only its summaries', async () => {
      const databaseUrl = scratch();
      const env = { DATABASE_URL: databaseUrl, REDIS_URL: UNREACHABLE_REDIS };
      const migrate = runEntryPoint('apps/cli/src/main.ts', ['migrate'], env);
      await expect(migrate.exited).resolves.toEqual({ code: 0, signal: null });
      expect(migrate.output().trim()).toMatch(/^Applied [A-Za-z0-9, ]+\.$/);
      const seed = runEntryPoint('apps/cli/src/main.ts', ['seed'], env);
      await expect(seed.exited).resolves.toEqual({ code: 0, signal: null });
      expect(seed.output().trim()).toBe('Seeded: 15 organisations, 10 programmes added.');
    }, 120_000);

    it('the demo stops with one line naming Redis before it creates the database', async () => {
      const databaseUrl = scratch();
      const demo = runScript('scripts/demo.js', [], {
        DATABASE_URL: databaseUrl,
        REDIS_URL: UNREACHABLE_REDIS,
        SMTP_HOST: '127.0.0.1',
      });
      await expect(demo.exited).resolves.toEqual({ code: 1, signal: null });
      expect(demo.output().trim().split('\n')).toEqual([
        `Database: PostgreSQL at ${databaseUrl} (DATABASE_URL)`,
        REDIS_LINE,
      ]);
      await expect(databaseState(databaseUrl)).resolves.toEqual({ exists: false, tables: 0 });
    }, 600_000); // it builds the cli first when its output is older than the sources
  });
});
