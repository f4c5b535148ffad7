import { AppConfig } from '@app/config';
import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { migrateQueueSchema, queueConnection, useQueueBackend } from './queue-backend';
import { QueueErrorReporter } from './queue-error-reporter';
import { QueueName } from './queue-names';

const ALL_QUEUES = Object.values(QueueName).map((name) => ({ name }));

/**
 * BullMQ for one kind of process, on the configured backend (QUEUE_BACKEND). On Redis,
 * producers (the api) fail fast while Redis is down and workers wait it out; both share the key
 * prefix, so several deployments can use one Redis. On PostgreSQL the queues live in a schema of
 * the service's own database, created or upgraded here when MIGRATE_ON_START is set. Global, so
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
          useFactory: async (config: AppConfig) => {
            useQueueBackend(config.QUEUE_BACKEND);
            if (config.QUEUE_BACKEND === 'postgres' && config.MIGRATE_ON_START) {
              await migrateQueueSchema(config);
            }
            return { connection: queueConnection(config, role), prefix: config.REDIS_PREFIX };
          },
        }),
        BullModule.registerQueue(...ALL_QUEUES),
      ],
      providers: [QueueErrorReporter],
      exports: [BullModule],
    };
  }
}
