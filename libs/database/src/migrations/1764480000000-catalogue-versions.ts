import { MigrationInterface, QueryRunner } from 'typeorm';

/** The tables a slot as listed is read from; a change to any of them changes the list. */
const OPEN_SLOTS_SOURCES = ['slots', 'slot_programmes', 'programmes', 'organisations'];

/**
 * A version number per cached read model, raised by the database itself in the transaction that
 * changes the model's source tables. An api instance keeps the open slots in memory and reads
 * the version with each request, so it serves a list as fresh as the database, whichever
 * instance or job made the change, without reloading the list on every request.
 */
export class CatalogueVersions1764480000000 implements MigrationInterface {
  name = 'CatalogueVersions1764480000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE catalogue_versions (
        name text PRIMARY KEY CHECK (name IN ('open_slots')),
        version bigint NOT NULL DEFAULT 0 CHECK (version >= 0)
      )`);
    await db.query(`INSERT INTO catalogue_versions (name) VALUES ('open_slots')`);
    await db.query(`
      CREATE FUNCTION bump_open_slots_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE catalogue_versions SET version = version + 1 WHERE name = 'open_slots';
        RETURN NULL;
      END $$`);
    for (const table of OPEN_SLOTS_SOURCES) {
      await db.query(`
        CREATE TRIGGER ${table}_bump_open_slots_version
          AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
          FOR EACH STATEMENT EXECUTE FUNCTION bump_open_slots_version()`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of OPEN_SLOTS_SOURCES) {
      await db.query(`DROP TRIGGER ${table}_bump_open_slots_version ON ${table}`);
    }
    await db.query(`DROP FUNCTION bump_open_slots_version()`);
    await db.query(`DROP TABLE catalogue_versions`);
  }
}
