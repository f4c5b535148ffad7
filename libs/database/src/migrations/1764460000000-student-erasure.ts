import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Erasure keeps a tombstone. Preferences, assignments, slot orders and placements refer to the
 * student's id, and the lottery that breaks ties draws from the ids, so a round stays
 * reproducible bit for bit only if the id stays. Erasing therefore deletes the account and
 * scrubs the students row in place: no name, no birth date, no free text, no link to a user.
 * The checks make a half-erased row, or a live one without account or birth date, impossible.
 */
export class StudentErasure1764460000000 implements MigrationInterface {
  name = 'StudentErasure1764460000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE students
        ADD COLUMN erased_at timestamptz,
        ALTER COLUMN user_id DROP NOT NULL,
        ALTER COLUMN birth_date DROP NOT NULL,
        ADD CONSTRAINT students_live_check
          CHECK (erased_at IS NOT NULL OR (user_id IS NOT NULL AND birth_date IS NOT NULL)),
        ADD CONSTRAINT students_tombstone_check
          CHECK (erased_at IS NULL OR (user_id IS NULL AND birth_date IS NULL
                 AND full_name = 'Slettet' AND motivation = '' AND skills = '{}'
                 AND interests = '{}'))`);
    await db.query(
      `CREATE INDEX students_erased_idx ON students (erased_at) WHERE erased_at IS NOT NULL`,
    );
  }

  /** Refuses while the append-only access log still refers to a tombstone, as it should. */
  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX students_erased_idx`);
    await db.query(`DELETE FROM students WHERE erased_at IS NOT NULL`);
    await db.query(`
      ALTER TABLE students
        DROP CONSTRAINT students_tombstone_check,
        DROP CONSTRAINT students_live_check,
        ALTER COLUMN birth_date SET NOT NULL,
        ALTER COLUMN user_id SET NOT NULL,
        DROP COLUMN erased_at`);
  }
}
