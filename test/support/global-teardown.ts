import './register-paths';
import { loadConfig } from '@app/config';
import { dropDatabase, splitDatabaseUrl } from '@app/database';
import { Client, escapeIdentifier } from 'pg';
import Redis from 'ioredis';
import { stopTestDatabaseServer } from './test-database-server';

/**
 * Drops the run's template database and any test file's copy of it left behind (with the queue
 * schemas, on postgres), deletes its Redis keys and stops
 * its PostgreSQL from npm.
 */
export default async function globalTeardown(): Promise<void> {
  try {
    await cleanUp();
  } finally {
    stopTestDatabaseServer();
  }
}

async function cleanUp(): Promise<void> {
  const config = loadConfig();
  await dropFileDatabases(config.DATABASE_URL, config.DATABASE_ADMIN_URL);
  await dropDatabase(config);
  if (config.QUEUE_BACKEND !== 'redis') return;
  const redis = new Redis(config.REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(
        cursor,
        'MATCH',
        `${config.REDIS_PREFIX}*`,
        'COUNT',
        1000,
      );
      if (keys.length > 0) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** The copies of the template a test file left (its environment drops its own when it ends). */
async function dropFileDatabases(templateUrl: string, adminUrl: string | undefined): Promise<void> {
  if (!adminUrl) return;
  const { name } = splitDatabaseUrl(templateUrl);
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const left = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE left(datname, length($1) + 1) = $1 || '_'`,
      [name],
    );
    for (const { datname } of left.rows) {
      await admin.query(`DROP DATABASE IF EXISTS ${escapeIdentifier(datname)} WITH (FORCE)`);
    }
  } finally {
    await admin.end();
  }
}
