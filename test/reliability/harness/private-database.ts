import { loadConfig } from '@app/config';
import { dropDatabase, prepareDatabase } from '@app/database';
import { randomBytes } from 'node:crypto';

/**
 * Points DATABASE_URL at a new, migrated database of the calling test file alone, for tests
 * that compare whole tables or list lengths and must not see other files' rows. Returns the
 * function that drops it and restores the run's database.
 */
export async function usePrivateDatabase(tag: string): Promise<() => Promise<void>> {
  const saved = process.env.DATABASE_URL;
  const url = `${saved}_${tag}${randomBytes(3).toString('hex')}`;
  process.env.DATABASE_URL = url;
  const settings = loadConfig();
  await prepareDatabase(settings, { create: true, migrate: true });
  return async () => {
    process.env.DATABASE_URL = saved;
    await dropDatabase(settings);
  };
}
