import { AppConfig } from '@app/config';
import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { QueueErrorReporter } from './queue-error-reporter';
import { QueueName } from './queue-names';
import { producerRedisOptions, workerRedisOptions } from './redis';

const ALL_QUEUES = Object.values(QueueName).map((name) => ({ name }));

/**
 * BullMQ for one kind of process. Producers (the api) fail fast while Redis is down; workers
 * wait it out. Both share the key prefix, so several deployments can use one Redis. Global, so
 * an app picks its role once and every domain module can inject the queues it needs.
 */
@Module({})
export class QueuesModule {
  static forRole(role: 'producer' | 'worker'): DynamicModule {
    return {
      module: QueuesModule,
      global: true,
      imports: [
        BullModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            connection:
              role === 'worker'
                ? workerRedisOptions(config.REDIS_URL)
                : producerRedisOptions(config.REDIS_URL),
            prefix: config.REDIS_PREFIX,
          }),
        }),
        BullModule.registerQueue(...ALL_QUEUES),
      ],
      providers: [QueueErrorReporter],
      exports: [BullModule],
    };
  }
}
