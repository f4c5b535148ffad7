import { loadConfig, runEntryPoint } from '@app/config';
import { assertPostgresReachable, prepareDatabase } from '@app/database';
import { assertRedisReachable, settleQueueBackend } from '@app/queues';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { configureApp } from './configure-app';

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

  const app = await NestFactory.create(AppModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  configureApp(app);
  await app.listen(config.PORT, '0.0.0.0');
  app.get(Logger).log(`API listening on http://localhost:${config.PORT}/api (docs at /docs)`);
}

void runEntryPoint(bootstrap);
