import { loadConfig, runEntryPoint } from '@app/config';
import { assertPostgresReachable, prepareDatabase } from '@app/database';
import { assertRedisReachable, settleQueueBackend } from '@app/queues';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './worker.module';

/**
 * The worker: BullMQ processors only, no HTTP server. On SIGTERM Nest's shutdown hooks close
 * the workers (letting running jobs finish) before the queues and connections.
 */
async function bootstrap(): Promise<void> {
  await settleQueueBackend();
  const config = loadConfig();
  // Every service is checked before anything is migrated; Redis only when the queues are on it.
  await assertPostgresReachable(config.DATABASE_URL);
  if (config.QUEUE_BACKEND === 'redis') await assertRedisReachable(config.REDIS_URL);
  await prepareDatabase(config, {
    migrate: config.MIGRATE_ON_START,
    leastPrivilege: config.NODE_ENV === 'production',
  });

  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.init();
  app.get(Logger).log({ msg: 'worker ready', pid: process.pid });
}

void runEntryPoint(bootstrap);
