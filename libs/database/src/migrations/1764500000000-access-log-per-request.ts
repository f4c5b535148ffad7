import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One access-log row per request or job (per set of fields read), naming every student it
 * touched in `student_ids`, instead of one row per student. A reviewer's list of fifty
 * applicants wrote fifty rows, each with four index entries and a foreign-key check that
 * key-share-locked the student's row: the log cost more than the read it recorded. Now it is one
 * row, and a GIN index finds a student's entries. The worker's rows, which have no actor, stay
 * out of the actor index.
 *
 * An array cannot hold a foreign key, so two statement triggers keep its promise: every id names
 * a student when the row is written, and a student named in the log cannot be deleted (erasure,
 * which scrubs the row in place, is the only way out). Unlike the foreign key, the first takes
 * no lock on the students it names: students are never deleted while in use, only erased.
 */
export class AccessLogPerRequest1764500000000 implements MigrationInterface {
  name = 'AccessLogPerRequest1764500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE access_log RENAME TO access_log_per_student`);
    await db.query(`ALTER INDEX access_log_student_idx RENAME TO access_log_per_student_idx`);
    await db.query(`ALTER INDEX access_log_actor_idx RENAME TO access_log_per_student_actor_idx`);
    await db.query(`ALTER INDEX access_log_at_idx RENAME TO access_log_per_student_at_idx`);
    await db.query(`ALTER INDEX access_log_pkey RENAME TO access_log_per_student_pkey`);
    await db.query(`
      CREATE TABLE access_log (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        at timestamptz NOT NULL DEFAULT now(),
        -- No foreign key: the record of what a staff member did outlives their account.
        actor_id uuid,
        actor_role text NOT NULL CHECK (actor_role IN ('coordinator', 'reviewer', 'admin', 'worker')),
        student_ids uuid[] NOT NULL CHECK (
          cardinality(student_ids) BETWEEN 1 AND 1000 AND array_position(student_ids, NULL) IS NULL),
        action text NOT NULL CHECK (action IN ('read', 'change', 'export', 'erase')),
        purpose text NOT NULL CHECK (length(purpose) BETWEEN 1 AND 300),
        fields text[] NOT NULL CHECK (cardinality(fields) BETWEEN 1 AND 50),
        CONSTRAINT access_log_actor_check CHECK ((actor_role = 'worker') = (actor_id IS NULL))
      )`);
    await db.query(`CREATE INDEX access_log_students_idx ON access_log USING gin (student_ids)`);
    // The worker (no actor id) is found by its purpose, never by actor: it needs no entries.
    await db.query(
      `CREATE INDEX access_log_actor_idx ON access_log (actor_id, at DESC, id) WHERE actor_id IS NOT NULL`,
    );
    await db.query(`CREATE INDEX access_log_at_idx ON access_log (at DESC, id)`);
    await db.query(`
      INSERT INTO access_log (id, at, actor_id, actor_role, student_ids, action, purpose, fields)
      SELECT id, at, actor_id, actor_role, ARRAY[student_id], action, purpose, fields
        FROM access_log_per_student`);
    // DROP is not TRUNCATE or DELETE: the append-only triggers go with the old table.
    await db.query(`DROP TABLE access_log_per_student`);
    await db.query(`
      CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON access_log
        FOR EACH ROW EXECUTE FUNCTION access_log_refuse_rewrite()`);
    await db.query(`
      CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log
        FOR EACH STATEMENT EXECUTE FUNCTION access_log_refuse_rewrite()`);
    await db.query(`
      CREATE FUNCTION access_log_names_students() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        unknown uuid;
      BEGIN
        SELECT named.id INTO unknown
          FROM new_rows n CROSS JOIN LATERAL unnest(n.student_ids) AS named(id)
         WHERE NOT EXISTS (SELECT 1 FROM students s WHERE s.id = named.id)
         LIMIT 1;
        IF FOUND THEN
          RAISE EXCEPTION 'access_log names student %, who does not exist', unknown
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'access_log_student_ids_fkey';
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER access_log_names_students AFTER INSERT ON access_log
        REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION access_log_names_students()`);
    await db.query(`
      CREATE FUNCTION students_keep_logged() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        logged uuid;
      BEGIN
        SELECT o.id INTO logged
          FROM old_rows o
         WHERE EXISTS (SELECT 1 FROM access_log l WHERE l.student_ids @> ARRAY[o.id])
         LIMIT 1;
        IF FOUND THEN
          RAISE EXCEPTION 'student % is named in access_log: erase, do not delete', logged
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'access_log_student_ids_fkey';
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER students_keep_logged AFTER DELETE ON students
        REFERENCING OLD TABLE AS old_rows
        FOR EACH STATEMENT EXECUTE FUNCTION students_keep_logged()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER students_keep_logged ON students`);
    await db.query(`DROP FUNCTION students_keep_logged()`);
    await db.query(`ALTER TABLE access_log RENAME TO access_log_per_request`);
    await db.query(`ALTER INDEX access_log_pkey RENAME TO access_log_per_request_pkey`);
    await db.query(`ALTER INDEX access_log_actor_idx RENAME TO access_log_per_request_actor_idx`);
    await db.query(`ALTER INDEX access_log_at_idx RENAME TO access_log_per_request_at_idx`);
    await db.query(`
      CREATE TABLE access_log (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        at timestamptz NOT NULL DEFAULT now(),
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
    // One row per student again; the first keeps the request's id.
    await db.query(`
      INSERT INTO access_log (id, at, actor_id, actor_role, student_id, action, purpose, fields)
      SELECT CASE WHEN s.n = 1 THEN l.id ELSE gen_random_uuid() END, l.at, l.actor_id,
             l.actor_role, s.student_id, l.action, l.purpose, l.fields
        FROM access_log_per_request l
        CROSS JOIN LATERAL unnest(l.student_ids) WITH ORDINALITY AS s(student_id, n)`);
    await db.query(`DROP TABLE access_log_per_request`);
    await db.query(`DROP FUNCTION access_log_names_students()`);
    await db.query(`
      CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON access_log
        FOR EACH ROW EXECUTE FUNCTION access_log_refuse_rewrite()`);
    await db.query(`
      CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log
        FOR EACH STATEMENT EXECUTE FUNCTION access_log_refuse_rewrite()`);
  }
}
