import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who read or changed a student's personal data, when, through which route or job, and which
 * fields: the student's own answer to "hvem har set mine oplysninger", and the municipality's
 * proof of accountability. Append-only, enforced here: no role of the application can rewrite
 * history. Erasure needs no exception, because a student is erased by scrubbing the students
 * row in place (a tombstone keeping its id): the log's rows then point at a record that no
 * longer says who the student was. For the same reason a student row that has been looked at can
 * no longer be deleted outright (ON DELETE RESTRICT): erasure is the only way out.
 */
export class AccessLog1764410000000 implements MigrationInterface {
  name = 'AccessLog1764410000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE access_log (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        at timestamptz NOT NULL DEFAULT now(),
        -- No foreign key: the record of what a staff member did outlives their account.
        actor_id uuid,
        actor_role text NOT NULL CHECK (actor_role IN ('coordinator', 'reviewer', 'admin', 'worker')),
        student_id uuid NOT NULL REFERENCES students (id) ON DELETE RESTRICT,
        action text NOT NULL CHECK (action IN ('read', 'change', 'export', 'erase')),
        purpose text NOT NULL CHECK (length(purpose) BETWEEN 1 AND 300),
        fields text[] NOT NULL CHECK (cardinality(fields) BETWEEN 1 AND 50),
        CONSTRAINT access_log_actor_check CHECK ((actor_role = 'worker') = (actor_id IS NULL))
      )`);
    await db.query(`CREATE INDEX access_log_student_idx ON access_log (student_id, at DESC, id)`);
    await db.query(`CREATE INDEX access_log_actor_idx ON access_log (actor_id, at DESC, id)`);
    await db.query(`CREATE INDEX access_log_at_idx ON access_log (at DESC, id)`);
    await db.query(`
      CREATE FUNCTION access_log_refuse_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'access_log is append-only: % is not allowed', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await db.query(`
      CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON access_log
        FOR EACH ROW EXECUTE FUNCTION access_log_refuse_rewrite()`);
    await db.query(`
      CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log
        FOR EACH STATEMENT EXECUTE FUNCTION access_log_refuse_rewrite()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE access_log`);
    await db.query(`DROP FUNCTION access_log_refuse_rewrite()`);
  }
}
