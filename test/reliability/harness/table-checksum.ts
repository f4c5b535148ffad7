import { DataSource } from 'typeorm';

/** A digest per table of the whole database, to prove that a request changed nothing. */
export class TableChecksum {
  private constructor(
    private readonly db: DataSource,
    private readonly sql: string,
  ) {}

  static async of(db: DataSource): Promise<TableChecksum> {
    const tables: { name: string }[] = await db.query(
      // Every table the api's role may read: all but the migrations.
      `SELECT c.relname AS name FROM pg_class c
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
          AND has_table_privilege(c.oid, 'SELECT')
        ORDER BY c.relname`,
    );
    const columns = tables.map(
      ({ name }) =>
        `(SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM "${name}" t) AS "${name}"`,
    );
    return new TableChecksum(db, `SELECT ${columns.join(', ')}`);
  }

  async take(): Promise<Record<string, string>> {
    const [row] = await this.db.query(this.sql);
    return row;
  }

  static changed(before: Record<string, string>, after: Record<string, string>): string[] {
    return Object.keys(after).filter((table) => before[table] !== after[table]);
  }
}
