import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "Where are they now": a student's consent to short follow-ups after their placement, and the
 * follow-ups themselves (6, 12 and 24 months after completion), each answered once through the
 * single-use link of its e-mail. A follow-up can exist only while its student consents: the
 * composite key on (student_id, consented) refuses a withdrawal that would leave answers behind,
 * so withdrawing deletes them first, in the same transaction.
 */
export class FollowUps1764750000000 implements MigrationInterface {
  name = 'FollowUps1764750000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE follow_up_consents (
        student_id uuid PRIMARY KEY REFERENCES students (id) ON DELETE CASCADE,
        consented boolean NOT NULL,
        answered_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT follow_up_consents_student_consented_unique UNIQUE (student_id, consented)
      )`);
    await db.query(`
      CREATE TABLE follow_ups (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        student_id uuid NOT NULL,
        consented boolean NOT NULL DEFAULT true CHECK (consented),
        months smallint NOT NULL CHECK (months IN (6, 12, 24)),
        due_on date NOT NULL,
        expires_on date NOT NULL,
        token_hash bytea UNIQUE CHECK (octet_length(token_hash) = 32),
        created_at timestamptz NOT NULL DEFAULT now(),
        answered_at timestamptz,
        situation text CHECK (situation IN
          ('alliance_member', 'kalundborg', 'region_sjaelland', 'elsewhere', 'studying', 'other')),
        organisation_id uuid REFERENCES organisations (id) ON DELETE SET NULL,
        study_programme text CHECK (length(study_programme) BETWEEN 1 AND 200),
        study_school text CHECK (length(study_school) BETWEEN 1 AND 200),
        CONSTRAINT follow_ups_consent_fk FOREIGN KEY (student_id, consented)
          REFERENCES follow_up_consents (student_id, consented) ON DELETE CASCADE,
        CONSTRAINT follow_ups_student_months_unique UNIQUE (student_id, months),
        CONSTRAINT follow_ups_expiry_check CHECK (expires_on > due_on),
        CONSTRAINT follow_ups_answer_check CHECK ((answered_at IS NULL) = (situation IS NULL)),
        CONSTRAINT follow_ups_organisation_check
          CHECK (organisation_id IS NULL OR situation = 'alliance_member'),
        CONSTRAINT follow_ups_study_check CHECK (
          (study_programme IS NULL AND study_school IS NULL) OR situation = 'studying')
      )`);
    // The pipeline report reads the answers of a cohort's students at 12 and 24 months.
    await db.query(`
      CREATE INDEX follow_ups_answered_idx ON follow_ups (student_id, months, situation)
        WHERE answered_at IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE follow_ups`);
    await db.query(`DROP TABLE follow_up_consents`);
  }
}
