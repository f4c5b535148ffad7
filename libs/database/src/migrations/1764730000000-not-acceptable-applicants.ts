import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A host's word that an applicant cannot take a slot in a round (`not acceptable`): the run
 * leaves the pair out, so the student is never placed there. One mark per applicant, slot and
 * round; it goes with the round, the slot (and its place in the round) or the student. Who made
 * it is kept for accountability, and forgotten when that account is deleted.
 */
export class NotAcceptableApplicants1764730000000 implements MigrationInterface {
  name = 'NotAcceptableApplicants1764730000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE not_acceptable_applicants (
        round_id uuid NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
        slot_id uuid NOT NULL REFERENCES slots (id) ON DELETE CASCADE,
        student_id uuid NOT NULL REFERENCES students (id) ON DELETE CASCADE,
        marked_by uuid REFERENCES users (id) ON DELETE SET NULL,
        marked_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (round_id, slot_id, student_id),
        CONSTRAINT not_acceptable_applicants_round_slot_fk FOREIGN KEY (round_id, slot_id)
          REFERENCES round_slots (round_id, slot_id) ON DELETE CASCADE
      )`);
    await db.query(
      `CREATE INDEX not_acceptable_applicants_student_idx ON not_acceptable_applicants (student_id)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE not_acceptable_applicants`);
  }
}
