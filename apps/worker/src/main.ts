import { loadConfig, runEntryPoint } from '@app/config';
import { prepareDatabase } from '@app/database';
import { assertRedisReachable } from '@app/queues';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './worker.module';

/**
 * The worker: BullMQ processors only, no HTTP server. On SIGTERM Nest's shutdown hooks close
 * the workers (letting running jobs finish) before the queues and connections.
 */
async function bootstrap(): Promise<void> {
  const config = loadConfig();
  await prepareDatabase(config.DATABASE_URL, { migrate: config.MIGRATE_ON_START });
  await assertRedisReachable(config.REDIS_URL);

  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.init();
  app.get(Logger).log({ msg: 'worker ready', pid: process.pid });
}

void runEntryPoint(bootstrap);
