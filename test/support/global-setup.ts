import './register-paths';
import { loadConfig } from '@app/config';
import { assertPostgresServerReachable, prepareDatabase } from '@app/database';
import { assertRedisReachable } from '@app/queues';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startTestDatabaseServer, stopTestDatabaseServer } from './test-database-server';
import { chooseTestQueueBackend, newTestEnvironment } from './test-environment';

/**
 * Picks the run's PostgreSQL (test-database-server.ts), checks every service, then creates and
 * migrates the run's database once: the template each test file's database is copied from
 * (file-database-environment.ts). The test workers inherit the environment.
 */
export default async function globalSetup(): Promise<void> {
  await startTestDatabaseServer();
  try {
    const environment = newTestEnvironment();
    const backend = await chooseTestQueueBackend(environment.REDIS_URL);
    Object.assign(process.env, environment, {
      QUEUE_BACKEND: backend,
      // Where test files that do not run say why, for the closing summary (not-run-reporter.js).
      TEST_NOT_RUN_LOG: path.join(tmpdir(), `biotekbyen-not-run-${environment.REDIS_PREFIX}.jsonl`),
    });
    const config = loadConfig();
    await assertPostgresServerReachable(config.DATABASE_URL);
    if (backend === 'redis') await assertRedisReachable(config.REDIS_URL);
    await prepareDatabase(config, { create: true, migrate: true });
    process.stderr.write(`\nQueues on ${backend} (TEST_QUEUE_BACKEND=redis|postgres chooses)\n`);
  } catch (error) {
    stopTestDatabaseServer();
    throw error;
  }
}
