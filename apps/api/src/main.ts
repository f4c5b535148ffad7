import { loadConfig, runEntryPoint } from '@app/config';
import { prepareDatabase } from '@app/database';
import { assertRedisReachable } from '@app/queues';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { configureApp } from './configure-app';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  await prepareDatabase(config.DATABASE_URL, { migrate: config.MIGRATE_ON_START });
  await assertRedisReachable(config.REDIS_URL);

  const app = await NestFactory.create(AppModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  configureApp(app);
  await app.listen(config.PORT, '0.0.0.0');
  app.get(Logger).log(`API listening on http://localhost:${config.PORT}/api (docs at /docs)`);
}

void runEntryPoint(bootstrap);
