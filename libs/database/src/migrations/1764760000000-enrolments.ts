import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One person across schools. A students row is one enrolment (a school, a programme, its
 * placements); a person who moves on, say from Kalundborg Gymnasium to NEXT or Absalon, keeps
 * their account and gets a new row for the new school. The row they leave gives up its account
 * link (users stay one-to-one with their current enrolment, as every sign-in reads) and names
 * the row that followed it instead, so the old placements and outcomes stay the person's, found
 * through the chain, while the new school sees only the new row. The move starts as a request
 * from the new school's coordinator that the person confirms or declines.
 */
export class Enrolments1764760000000 implements MigrationInterface {
  name = 'Enrolments1764760000000';

  async up(db: QueryRunner): Promise<void> {
    // The link is checked at commit: the row left and the row that follows are written in one
    // transaction, the one giving up the account before the other takes it (users stay unique).
    await db.query(`
      ALTER TABLE students
        ADD COLUMN left_at timestamptz,
        ADD COLUMN moved_to_student_id uuid REFERENCES students (id) DEFERRABLE INITIALLY DEFERRED,
        DROP CONSTRAINT students_live_check,
        ADD CONSTRAINT students_live_check
          CHECK (erased_at IS NOT NULL OR (birth_date IS NOT NULL
                 AND (user_id IS NOT NULL) = (left_at IS NULL))),
        ADD CONSTRAINT students_left_check
          CHECK ((left_at IS NULL) = (moved_to_student_id IS NULL)
                 AND (left_at IS NULL OR user_id IS NULL)
                 AND moved_to_student_id IS DISTINCT FROM id)`);
    // Each enrolment follows at most one earlier one; the chain is walked from the newest.
    await db.query(`
      CREATE UNIQUE INDEX students_moved_to_idx ON students (moved_to_student_id)
        WHERE moved_to_student_id IS NOT NULL`);
    await db.query(`
      CREATE TABLE enrolment_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        from_student_id uuid NOT NULL REFERENCES students (id) ON DELETE CASCADE,
        school_id uuid NOT NULL,
        school_kind text NOT NULL DEFAULT 'school' CHECK (school_kind = 'school'),
        programme_id uuid NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
        expected_completion_year smallint CHECK (expected_completion_year BETWEEN 2000 AND 2100),
        expected_completion_month smallint CHECK (expected_completion_month BETWEEN 1 AND 12),
        requested_by uuid REFERENCES users (id) ON DELETE SET NULL,
        requested_at timestamptz NOT NULL DEFAULT now(),
        status text NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending', 'confirmed', 'declined')),
        answered_at timestamptz,
        to_student_id uuid REFERENCES students (id) ON DELETE CASCADE,
        CONSTRAINT enrolment_requests_school_fk FOREIGN KEY (school_id, school_kind)
          REFERENCES organisations (id, kind) ON DELETE CASCADE,
        CONSTRAINT enrolment_requests_answer_check
          CHECK ((status = 'pending') = (answered_at IS NULL)
                 AND (status = 'confirmed') = (to_student_id IS NOT NULL)),
        CONSTRAINT enrolment_requests_completion_check
          CHECK ((expected_completion_year IS NULL) = (expected_completion_month IS NULL))
      )`);
    // One open request per person and school: asking again renews it.
    await db.query(`
      CREATE UNIQUE INDEX enrolment_requests_pending_idx ON enrolment_requests (user_id, school_id)
        WHERE status = 'pending'`);
    await db.query(
      `CREATE INDEX enrolment_requests_from_idx ON enrolment_requests (from_student_id)`,
    );
  }

  /** Refuses while an enrolment has moved on: the earlier check wants an account on every live row. */
  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE enrolment_requests`);
    await db.query(`DROP INDEX students_moved_to_idx`);
    await db.query(`
      ALTER TABLE students
        DROP CONSTRAINT students_left_check,
        DROP CONSTRAINT students_live_check,
        ADD CONSTRAINT students_live_check
          CHECK (erased_at IS NOT NULL OR (user_id IS NOT NULL AND birth_date IS NOT NULL)),
        DROP COLUMN moved_to_student_id,
        DROP COLUMN left_at`);
  }
}
