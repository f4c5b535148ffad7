export * from './data-source-options';
export * from './database-roles';
export * from './database-url';
export * from './database.module';
export * from './migration-runner';
export { MIGRATIONS } from './migrations/index';
// The pipeline summary's copy of the round standings, for the test that keeps it the same.
export {
  PIPELINE_MATCHED_STANDINGS,
  PIPELINE_PLACED_STANDINGS,
  pipelineStandingsSql,
} from './migrations/1764850000000-pipeline-students';
export * from './schema';
export * from './postgres';
export * from './prepare-database';
export * from './sql-results';
export * from './prepared-query';
export * from './statement-batcher';
