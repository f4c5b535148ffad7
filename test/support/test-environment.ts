import { RUNTIME_ROLE, withUser } from '@app/config';
import { redisAnswers } from '@app/queues';
import { randomBytes } from 'node:crypto';

/**
 * Each run of the e2e suite gets its own template database and Redis key prefix (on the postgres queue
 * backend: queue schema), so two copies of the suite (or a developer's local data) never collide,
 * and a signing secret no other run knows.
 */
export function newTestEnvironment(): Record<string, string> {
  const runId = `${process.pid}_${randomBytes(4).toString('hex')}`;
  // A superuser of the server creates the two roles and the database; the suite, like the api,
  // connects as the runtime role (and migrates as the owner role).
  const admin = process.env.TEST_DATABASE_SERVER ?? 'postgres://postgres@127.0.0.1:5432';
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    DATABASE_URL: withUser(`${admin}/biotekbyen_test_${runId}`, RUNTIME_ROLE),
    DATABASE_ADMIN_URL: `${admin}/postgres`,
    REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: `biotekbyen-test-${runId}`,
    // Creates the queue schema of a test file's own prefix on the postgres backend; the app's
    // own migrations are applied once, by the global setup.
    MIGRATE_ON_START: 'true',
    // A secret of the run's own, shared by its app instances and the processes it starts.
    JWT_SECRET: randomBytes(32).toString('base64url'),
  };
}

/**
 * The queue backend of the run: TEST_QUEUE_BACKEND if set, else redis when the run's Redis
 * answers, else postgres. Tests that exercise Redis itself run only on redis (`describeOnRedis`).
 */
export async function chooseTestQueueBackend(redisUrl: string): Promise<'redis' | 'postgres'> {
  const chosen = process.env.TEST_QUEUE_BACKEND;
  if (chosen === 'redis' || chosen === 'postgres') return chosen;
  if (chosen) throw new Error(`TEST_QUEUE_BACKEND must be redis or postgres, not ${chosen}`);
  return (await redisAnswers(redisUrl)) ? 'redis' : 'postgres';
}
