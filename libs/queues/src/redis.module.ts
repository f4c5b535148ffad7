import { AppConfig } from '@app/config';
import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { producerRedisOptions } from './redis';

/**
 * A fail-fast Redis client for the HTTP path: health checks and rate limits. Null on the
 * postgres queue backend, where the service opens no Redis connection at all.
 */
export const PRODUCER_REDIS = Symbol('PRODUCER_REDIS');

export type ProducerRedis = Redis | null;

@Global()
@Module({
  providers: [
    {
      provide: PRODUCER_REDIS,
      inject: [AppConfig],
      useFactory: (config: AppConfig): ProducerRedis => {
        if (config.QUEUE_BACKEND !== 'redis') return null;
        const client = new Redis(producerRedisOptions(config.REDIS_URL));
        client.on('error', () => undefined); // state is reported by /api/health, not by log spam
        return client;
      },
    },
  ],
  exports: [PRODUCER_REDIS],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(PRODUCER_REDIS) private readonly redis: ProducerRedis) {}

  async onApplicationShutdown(): Promise<void> {
    const redis = this.redis;
    if (redis) await redis.quit().catch(() => redis.disconnect());
  }
}
