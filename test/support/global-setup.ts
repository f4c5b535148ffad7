import './register-paths';
import { loadConfig } from '@app/config';
import { prepareDatabase } from '@app/database';
import { assertRedisReachable } from '@app/queues';
import { newTestEnvironment } from './test-environment';

/** Creates and migrates the run's database; the test workers inherit the environment. */
export default async function globalSetup(): Promise<void> {
  Object.assign(process.env, newTestEnvironment());
  const config = loadConfig();
  await prepareDatabase(config.DATABASE_URL, { create: true, migrate: true });
  await assertRedisReachable(config.REDIS_URL);
}
