import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The talent pipeline (fødekæde): employers' hiring needs per programme and year, each
 * student's expected completion, and the outcome of a placement as its host records it (and the
 * student may contest it). Reminders for missing outcomes are remembered per placement, so the
 * daily job that finds them in the database asks once.
 */
export class TalentPipeline1764700000000 implements MigrationInterface {
  name = 'TalentPipeline1764700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE students
        ADD COLUMN expected_completion_year smallint
          CONSTRAINT students_expected_completion_year_check
          CHECK (expected_completion_year BETWEEN 2000 AND 2100),
        ADD COLUMN expected_completion_month smallint
          CONSTRAINT students_expected_completion_month_check
          CHECK (expected_completion_month BETWEEN 1 AND 12),
        ADD CONSTRAINT students_expected_completion_check
          CHECK ((expected_completion_year IS NULL) = (expected_completion_month IS NULL))`);
    // The supply-demand report counts finishers per programme and year.
    await db.query(`
      CREATE INDEX students_expected_completion_idx
        ON students (expected_completion_year, programme_id) WHERE erased_at IS NULL`);
    await db.query(`
      CREATE TABLE hiring_needs (
        organisation_id uuid NOT NULL,
        organisation_kind text NOT NULL CHECK (organisation_kind IN ('employer', 'public')),
        programme_id uuid NOT NULL REFERENCES programmes (id) ON DELETE RESTRICT,
        year smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        count integer NOT NULL CHECK (count BETWEEN 0 AND 100000),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, programme_id, year),
        CONSTRAINT hiring_needs_organisation_fk FOREIGN KEY (organisation_id, organisation_kind)
          REFERENCES organisations (id, kind) ON DELETE CASCADE
      )`);
    await db.query(`CREATE INDEX hiring_needs_year_idx ON hiring_needs (year, programme_id)`);
    // An outcome names the placement's own student, which a composite key makes sure of.
    await db.query(`
      ALTER TABLE placements ADD CONSTRAINT placements_id_student_unique UNIQUE (id, student_id)`);
    await db.query(`
      CREATE TABLE placement_outcomes (
        placement_id uuid PRIMARY KEY,
        student_id uuid NOT NULL REFERENCES students (id) ON DELETE CASCADE,
        completed boolean NOT NULL,
        job_offer text NOT NULL CHECK (job_offer IN ('none', 'offered', 'accepted', 'declined')),
        recorded_by uuid REFERENCES users (id) ON DELETE SET NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        contested_at timestamptz,
        contest_reason text CHECK (length(contest_reason) BETWEEN 1 AND 2000),
        CONSTRAINT placement_outcomes_placement_fk FOREIGN KEY (placement_id, student_id)
          REFERENCES placements (id, student_id) ON DELETE CASCADE,
        CONSTRAINT placement_outcomes_contest_check
          CHECK ((contested_at IS NULL) = (contest_reason IS NULL))
      )`);
    await db.query(
      `CREATE INDEX placement_outcomes_student_idx ON placement_outcomes (student_id)`,
    );
    await db.query(`
      CREATE TABLE outcome_reminders (
        placement_id uuid PRIMARY KEY REFERENCES placements (id) ON DELETE CASCADE,
        reminded_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE outcome_reminders`);
    await db.query(`DROP TABLE placement_outcomes`);
    await db.query(`ALTER TABLE placements DROP CONSTRAINT placements_id_student_unique`);
    await db.query(`DROP TABLE hiring_needs`);
    await db.query(`DROP INDEX students_expected_completion_idx`);
    await db.query(`
      ALTER TABLE students
        DROP CONSTRAINT students_expected_completion_check,
        DROP COLUMN expected_completion_month,
        DROP COLUMN expected_completion_year`);
  }
}
