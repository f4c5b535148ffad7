import './register-paths';
import { loadConfig } from '@app/config';
import { dropDatabase, roleOf, splitDatabaseUrl } from '@app/database';
import type { EnvironmentContext, JestEnvironmentConfig } from '@jest/environment';
import { TestEnvironment } from 'jest-environment-node';
import { randomBytes } from 'node:crypto';
import { Client, escapeIdentifier } from 'pg';

/**
 * Every e2e test file gets a database and a queue prefix of its own: before the file runs, a
 * copy of the run's migrated template database (global-setup.ts), made with
 * `CREATE DATABASE … TEMPLATE` (a file copy, no migrations), and dropped after the file,
 * once its app, worker and spawned processes are gone. So no file sees another's rows, jobs or
 * open round (the api allows one open round at a time). The run's secret and key prefix stay
 * the run's: the file's prefix starts with it, so the global teardown still finds its keys.
 */
export default class FileDatabaseEnvironment extends TestEnvironment {
  private readonly fileEnv: { DATABASE_URL: string; REDIS_PREFIX: string };

  constructor(config: JestEnvironmentConfig, context: EnvironmentContext) {
    super(config, context);
    const suffix = randomBytes(4).toString('hex');
    const template = new URL(process.env.DATABASE_URL as string);
    const file = new URL(template);
    file.pathname = `/${splitDatabaseUrl(template.toString()).name}_f${suffix}`;
    this.fileEnv = {
      DATABASE_URL: file.toString(),
      REDIS_PREFIX: `${process.env.REDIS_PREFIX}-f${suffix}`,
    };
  }

  override async setup(): Promise<void> {
    await super.setup();
    const run = loadConfig();
    const { name: template } = splitDatabaseUrl(run.DATABASE_URL);
    const { name } = splitDatabaseUrl(this.fileEnv.DATABASE_URL);
    const owner = roleOf(run.DATABASE_OWNER_URL).name;
    const admin = new Client({ connectionString: run.DATABASE_ADMIN_URL });
    await admin.connect();
    try {
      await admin.query(
        `CREATE DATABASE ${escapeIdentifier(name)} TEMPLATE ${escapeIdentifier(template)} ` +
          `OWNER ${escapeIdentifier(owner)}`,
      );
    } finally {
      await admin.end();
    }
    Object.assign(this.global.process.env, this.fileEnv);
  }

  override async teardown(): Promise<void> {
    try {
      await dropDatabase(loadConfig({ ...process.env, ...this.fileEnv }));
    } finally {
      await super.teardown();
    }
  }
}
