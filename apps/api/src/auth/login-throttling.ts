import { AppConfig } from '@app/config';
import { PRODUCER_REDIS } from '@app/queues';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { Logger } from '@nestjs/common';
import { ThrottlerModule, ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import { createHash } from 'node:crypto';
import Redis from 'ioredis';

const MINUTE_MS = 60_000;

/**
 * Counts in Redis so limits hold across api instances; while Redis is down each instance counts
 * for itself rather than letting sign-ins fail or go unlimited.
 */
class ResilientThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger('LoginThrottling');
  private readonly local = new ThrottlerStorageService();

  constructor(private readonly shared: ThrottlerStorageRedisService) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    try {
      return await this.shared.increment(key, ttl, limit, blockDuration, throttlerName);
    } catch (error) {
      this.logger.warn({ msg: 'Redis unavailable, counting sign-ins locally', error: `${error}` });
      return this.local.increment(key, ttl, limit, blockDuration, throttlerName);
    }
  }
}

const hashed = (value: string) => createHash('sha256').update(value).digest('hex').slice(0, 32);

/**
 * Sign-in attempts are limited per client address and per account (e-mail), so neither one
 * address trying many accounts nor many addresses trying one account get far.
 */
export const LoginThrottlingModule = ThrottlerModule.forRootAsync({
  inject: [AppConfig, PRODUCER_REDIS],
  useFactory: (config: AppConfig, redis: Redis) => ({
    storage: new ResilientThrottlerStorage(new ThrottlerStorageRedisService(redis)),
    throttlers: [
      {
        name: 'address',
        ttl: MINUTE_MS,
        // A whole class signs in from one school network at the start of a lesson.
        limit: 100,
        blockDuration: 5 * MINUTE_MS,
        generateKey: (_context, tracker, name) =>
          `${config.REDIS_PREFIX}:throttle:${name}:${hashed(tracker)}`,
      },
      {
        name: 'account',
        ttl: 15 * MINUTE_MS,
        limit: 10,
        blockDuration: 15 * MINUTE_MS,
        getTracker: (request: Record<string, unknown>) => {
          const body = request.body as { email?: unknown } | undefined;
          return typeof body?.email === 'string' ? body.email.trim().toLowerCase() : '';
        },
        generateKey: (_context, tracker, name) =>
          `${config.REDIS_PREFIX}:throttle:${name}:${hashed(tracker)}`,
      },
    ],
    errorMessage: 'Too many sign-in attempts; wait a few minutes and try again',
  }),
});
