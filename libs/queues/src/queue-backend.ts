import { AppConfig, QueueBackend } from '@app/config';
import {
  ConnectionOptions,
  createPostgresBackend,
  Queue,
  runMigrations,
  setDefaultBackendFactory,
} from 'bullmq';
import { createHash } from 'node:crypto';
import { Client, escapeIdentifier } from 'pg';
import { producerRedisOptions, redisAnswers, workerRedisOptions } from './redis';

/** Where Redis is looked for when REDIS_URL is not set. */
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/**
 * Settles QUEUE_BACKEND once, before the configuration is read: as set; else `redis` when
 * REDIS_URL is set or a Redis answers at the default address; else `postgres`. Written back to
 * the environment so every later read (and every child process) agrees.
 */
export async function settleQueueBackend(
  env: Record<string, string | undefined> = process.env,
): Promise<string> {
  if (!env.QUEUE_BACKEND) {
    const redis = env.REDIS_URL !== undefined || (await redisAnswers(DEFAULT_REDIS_URL));
    env.QUEUE_BACKEND = redis ? 'redis' : 'postgres';
  }
  return env.QUEUE_BACKEND;
}

/**
 * The schema of BullMQ's tables on the postgres backend, named after REDIS_PREFIX so that, as
 * with Redis keys, two deployments (or two test files) sharing one database keep apart.
 */
export function queueSchema(prefix: string): string {
  const plain = `${prefix.toLowerCase().replace(/[^a-z0-9_]/g, '_')}_queues`;
  const schema = /^[a-z_]/.test(plain) ? plain : `q_${plain}`;
  if (schema.length <= 63) return schema;
  const digest = createHash('sha256').update(prefix).digest('hex').slice(0, 10);
  return `${schema.slice(0, 45)}_${digest}_queues`;
}

/** The connection options of PostgreSQL-backed queues (a small pool each, plus one LISTEN). */
export interface PostgresQueueConnection {
  connectionString: string;
  schema: string;
  max: number;
  application_name: string;
}

/**
 * Points every BullMQ class of this process at the configured backend. BullMQ keeps the choice
 * process-wide (@nestjs/bullmq creates its queues and workers without a backend argument), so
 * the queues module calls this before any queue exists.
 */
export function useQueueBackend(backend: QueueBackend): void {
  setDefaultBackendFactory(backend === 'postgres' ? createPostgresBackend : undefined);
}

/**
 * The connection a queue, worker or producer of one role gets on the configured backend. On
 * Redis: workers wait out an outage, producers fail fast. On PostgreSQL: a pool of two per
 * queue in the service's own database, in the schema of {@link queueSchema}.
 */
export function queueConnection(
  config: Pick<AppConfig, 'QUEUE_BACKEND' | 'REDIS_URL' | 'REDIS_PREFIX' | 'DATABASE_URL'>,
  role: 'producer' | 'worker',
): ConnectionOptions {
  if (config.QUEUE_BACKEND === 'redis') {
    return role === 'worker'
      ? workerRedisOptions(config.REDIS_URL)
      : producerRedisOptions(config.REDIS_URL);
  }
  const connection: PostgresQueueConnection = {
    connectionString: config.DATABASE_URL,
    schema: queueSchema(config.REDIS_PREFIX),
    max: 2,
    application_name: `biotekbyen-${role}-queues`,
  };
  // BullMQ types `connection` as Redis options; its default factory, set by useQueueBackend,
  // is what reads it, and the PostgreSQL factory takes exactly these pool options.
  return connection as unknown as ConnectionOptions;
}

/**
 * Creates or upgrades BullMQ's schema on the postgres backend (a no-op when it is current), as
 * the owner role. BullMQ takes its own transaction-scoped advisory lock per schema, so processes
 * that start together migrate once; the others wait, then find nothing to do. BullMQ creates one
 * id sequence per queue when that queue first gets a job without an id of its own, so the
 * runtime role may create objects in this schema (and only in this one: the service's own
 * tables stay the owner's).
 */
export async function migrateQueueSchema(
  config: Pick<AppConfig, 'DATABASE_OWNER_URL' | 'DATABASE_URL' | 'REDIS_PREFIX'>,
): Promise<void> {
  const schema = queueSchema(config.REDIS_PREFIX);
  const runtime = decodeURIComponent(new URL(config.DATABASE_URL).username);
  const client = new Client({ connectionString: config.DATABASE_OWNER_URL });
  await client.connect();
  try {
    await runMigrations(client, schema);
    const [{ owner }] = (await client.query<{ owner: string }>('SELECT current_user AS owner'))
      .rows;
    if (runtime && runtime !== owner) {
      await client.query(
        `GRANT USAGE, CREATE ON SCHEMA ${escapeIdentifier(schema)} TO ${escapeIdentifier(runtime)}`,
      );
    }
  } finally {
    await client.end();
  }
}

/**
 * Calls `again` whenever the queue's Redis connection comes back, which may be a Redis that lost
 * its data. Nothing on the postgres backend: its queues live in the service's own database, whose
 * loss no re-added job would mend.
 */
export async function onRedisReconnect(queue: Queue, again: () => void): Promise<void> {
  const client = await queue.getBackend().client;
  if (client) client.on('ready', again);
}
