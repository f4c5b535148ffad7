export * from './data-source-options';
export * from './database-url';
export * from './database.module';
export * from './migration-runner';
export { MIGRATIONS } from './migrations/index';
export * from './postgres';
export * from './prepare-database';
export * from './sql-results';
export * from './prepared-query';
