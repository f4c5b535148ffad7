import { DataSource } from 'typeorm';

/** A digest per table of the whole database, to prove that a request changed nothing. */
export class TableChecksum {
  private constructor(
    private readonly db: DataSource,
    private readonly sql: string,
  ) {}

  static async of(db: DataSource): Promise<TableChecksum> {
    const tables: { name: string }[] = await db.query(
      `SELECT table_name AS name FROM information_schema.tables
       WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
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
