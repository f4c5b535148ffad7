import { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './schema';
import { MIGRATIONS } from './migrations/index';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/** Pool size per process: enough for concurrent requests, small enough for many instances. */
const POOL_SIZE = 10;

export function dataSourceOptions(databaseUrl: string): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    extra: { max: POOL_SIZE, connectionTimeoutMillis: 5000 },
  };
}
