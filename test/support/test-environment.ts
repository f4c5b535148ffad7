import { randomBytes } from 'node:crypto';

/**
 * Each run of the e2e suite gets its own database and Redis key prefix, so two copies of the
 * suite (or a developer's local data) never collide.
 */
export function newTestEnvironment(): Record<string, string> {
  const runId = `${process.pid}_${randomBytes(4).toString('hex')}`;
  const server = process.env.TEST_DATABASE_SERVER ?? 'postgres://postgres@127.0.0.1:5432';
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    DATABASE_URL: `${server}/biotekbyen_test_${runId}`,
    REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: `biotekbyen-test-${runId}`,
    MIGRATE_ON_START: 'false',
  };
}
