import { ServiceUnavailableError } from '@app/config';
import Redis from 'ioredis';

/** The options both ioredis and BullMQ accept for one connection. */
export interface RedisConnectionOptions {
  host: string;
  port: number;
  db: number;
  username?: string;
  password?: string;
  tls?: Record<string, never>;
  maxRetriesPerRequest?: number | null;
  enableOfflineQueue?: boolean;
  connectTimeout?: number;
}

/**
 * Connection for BullMQ workers: they block on Redis and must wait out an outage rather than
 * fail their commands, hence no per-request retry limit.
 */
export function workerRedisOptions(redisUrl: string): RedisConnectionOptions {
  return { ...parseRedisUrl(redisUrl), maxRetriesPerRequest: null };
}

/**
 * Connection for producers on the HTTP path: fail fast instead of queueing commands offline,
 * so a request does not hang while Redis is down.
 */
export function producerRedisOptions(redisUrl: string): RedisConnectionOptions {
  return {
    ...parseRedisUrl(redisUrl),
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: 2000,
  };
}

function parseRedisUrl(redisUrl: string): RedisConnectionOptions {
  const url = new URL(redisUrl);
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : 6379,
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
    tls: url.protocol === 'rediss:' ? {} : undefined,
  };
}

/** Fails fast with one clear line when Redis cannot be reached. */
export async function assertRedisReachable(redisUrl: string): Promise<void> {
  const failure = await pingRedis(redisUrl, 3000);
  // ioredis reports "Connection is closed"; the socket's own error says why.
  if (failure) throw new ServiceUnavailableError('Redis', redisUrl, failure);
}

/** Whether a Redis answers PING at this address within a second; never throws. */
export async function redisAnswers(redisUrl: string): Promise<boolean> {
  return (await pingRedis(redisUrl, 1000)) === undefined;
}

/** Undefined when Redis answered PING, else why not (the socket's error when there was one). */
async function pingRedis(redisUrl: string, timeoutMs: number): Promise<unknown> {
  const client = new Redis({
    ...parseRedisUrl(redisUrl),
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  let socketError: unknown;
  client.on('error', (error) => (socketError ??= error));
  try {
    await client.connect();
    await client.ping();
    return undefined;
  } catch (error) {
    return socketError ?? error;
  } finally {
    client.disconnect();
  }
}
