import { AppConfig } from '@app/config';
import { PRODUCER_REDIS, ProducerRedis } from '@app/queues';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PostgresThrottlerStorage } from './postgres-throttler-storage';

/**
 * Where sign-in attempts are counted so that limits hold across api instances: in Redis on the
 * redis queue backend, in PostgreSQL (table login_throttles) on the postgres one.
 */
export const SHARED_THROTTLER_STORAGE = Symbol('SHARED_THROTTLER_STORAGE');

@Global()
@Module({
  providers: [
    {
      provide: SHARED_THROTTLER_STORAGE,
      inject: [AppConfig, PRODUCER_REDIS, DataSource],
      useFactory: (config: AppConfig, redis: ProducerRedis, dataSource: DataSource) =>
        config.QUEUE_BACKEND === 'redis' && redis
          ? new ThrottlerStorageRedisService(redis)
          : new PostgresThrottlerStorage(dataSource),
    },
  ],
  exports: [SHARED_THROTTLER_STORAGE],
})
export class SharedThrottlerStorageModule {}
