import { Pool } from 'pg';
import { DataSource, QueryFailedError } from 'typeorm';
import { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/** A statement that each pooled connection parses and plans once, then only executes. */
export interface PreparedStatement {
  name: string;
  text: string;
}

export function prepared(name: string, text: string): PreparedStatement {
  return { name, text };
}

/**
 * Runs a prepared statement on the DataSource's pool. Meant for the few statements every request
 * of a hot read sends, where parsing and planning cost more than executing: the statement is
 * logged and its failure wrapped as TypeORM's own queries are, so callers cannot tell apart.
 */
export async function queryPrepared<T>(
  db: DataSource,
  statement: PreparedStatement,
  values: readonly unknown[],
): Promise<T[]> {
  db.logger.logQuery(statement.text, [...values]);
  const pool = (db.driver as PostgresDriver).master as Pool;
  try {
    const result = await pool.query({ ...statement, values: [...values] });
    return result.rows as T[];
  } catch (error) {
    throw new QueryFailedError(statement.text, [...values], error as Error);
  }
}
