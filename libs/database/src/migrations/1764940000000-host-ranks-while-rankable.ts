import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A host ranks its applicants, or marks one not acceptable, only while the round is open or
 * closed and not yet run (the rounds lib's RANKABLE): afterwards the run's inputs are history.
 * The round row is read FOR SHARE, so a ranking and the start of the run cannot cross. Deletes
 * stay free: erasure removes a student's rows in any state.
 */
export class HostRanksWhileRankable1764940000000 implements MigrationInterface {
  name = 'HostRanksWhileRankable1764940000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION host_ranks_only_while_rankable() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        round_status text;
      BEGIN
        SELECT status INTO round_status FROM rounds WHERE id = NEW.round_id FOR SHARE;
        IF round_status NOT IN ('open', 'closed') THEN
          RAISE EXCEPTION 'round % is %, a host ranks or marks applicants only while it is open or closed',
            NEW.round_id, round_status USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
      END $$`);
    for (const table of ['rankings', 'not_acceptable_applicants']) {
      await db.query(`
        CREATE TRIGGER ${table}_only_while_rankable BEFORE INSERT OR UPDATE ON ${table}
          FOR EACH ROW EXECUTE FUNCTION host_ranks_only_while_rankable()`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['rankings', 'not_acceptable_applicants']) {
      await db.query(`DROP TRIGGER ${table}_only_while_rankable ON ${table}`);
    }
    await db.query(`DROP FUNCTION host_ranks_only_while_rankable()`);
  }
}
