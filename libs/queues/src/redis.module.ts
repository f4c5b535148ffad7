import { AppConfig } from '@app/config';
import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { producerRedisOptions } from './redis';

/** A fail-fast Redis client for the HTTP path: health checks and rate limits. */
export const PRODUCER_REDIS = Symbol('PRODUCER_REDIS');

@Global()
@Module({
  providers: [
    {
      provide: PRODUCER_REDIS,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        const client = new Redis(producerRedisOptions(config.REDIS_URL));
        client.on('error', () => undefined); // state is reported by /api/health, not by log spam
        return client;
      },
    },
  ],
  exports: [PRODUCER_REDIS],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(PRODUCER_REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
