import './register-paths';
import { loadConfig } from '@app/config';
import { dropDatabase } from '@app/database';
import Redis from 'ioredis';

/** Drops the run's database and deletes its Redis keys. */
export default async function globalTeardown(): Promise<void> {
  const config = loadConfig();
  await dropDatabase(config.DATABASE_URL);
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
