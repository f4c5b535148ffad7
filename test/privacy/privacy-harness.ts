import { AppConfig } from '@app/config';
import { queueSchema } from '@app/queues';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';

/**
 * Where a text still lives: every table of the database, each row read whole as text (so every
 * text, jsonb and array column is searched), and every Redis key under the run's prefix.
 */
export async function tablesHolding(
  db: DataSource,
  needles: string[],
  schema = 'public',
): Promise<string[]> {
  const tables: { name: string }[] = await db.query(
    `SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) AS name
     FROM information_schema.tables
     WHERE table_schema = $1 AND table_type = 'BASE TABLE'`,
    [schema],
  );
  const found: string[] = [];
  for (const { name } of tables) {
    for (const needle of needles) {
      const [{ n }]: { n: number }[] = await db.query(
        `SELECT count(*)::int AS n FROM ${name} t WHERE strpos(lower(t::text), lower($1)) > 0`,
        [needle],
      );
      if (n > 0) found.push(`${name} holds ${needle}`);
    }
  }
  return found;
}

/** Where a text still lives in the queues: Redis keys, or the rows of BullMQ's schema. */
export function queuesHolding(
  config: AppConfig,
  db: DataSource,
  needles: string[],
): Promise<string[]> {
  return config.QUEUE_BACKEND === 'redis'
    ? redisKeysHolding(config.REDIS_URL, config.REDIS_PREFIX, needles)
    : tablesHolding(db, needles, queueSchema(config.REDIS_PREFIX));
}

export async function redisKeysHolding(
  url: string,
  prefix: string,
  needles: string[],
): Promise<string[]> {
  const redis = new Redis(url);
  try {
    const found: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      for (const key of keys) {
        const text = `${key} ${await readKey(redis, key)}`.toLowerCase();
        for (const needle of needles) {
          if (text.includes(needle.toLowerCase())) found.push(`${key} holds ${needle}`);
        }
      }
    } while (cursor !== '0');
    return found;
  } finally {
    redis.disconnect();
  }
}

async function readKey(redis: Redis, key: string): Promise<string> {
  switch (await redis.type(key)) {
    case 'string':
      return (await redis.get(key)) ?? '';
    case 'hash':
      return JSON.stringify(await redis.hgetall(key));
    case 'list':
      return JSON.stringify(await redis.lrange(key, 0, -1));
    case 'set':
      return JSON.stringify(await redis.smembers(key));
    case 'zset':
      return JSON.stringify(await redis.zrange(key, 0, -1));
    case 'stream':
      return JSON.stringify(await redis.xrange(key, '-', '+'));
    default:
      return '';
  }
}
