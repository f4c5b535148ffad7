import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A minor's guardian gives the consent themselves. Accepting names the guardian and their
 * address and puts the placement in `awaiting_guardian`: the seat is taken then (it counts in
 * `seats_taken`, so a slot never holds more accepted or awaiting placements than seats, under
 * the same CHECK) and the student counts as placed for the unique index. The guardian answers
 * through a one-time link: `guardian_consent_links` keeps only the SHA-256 of each token, and a
 * request answers once (its outcome is set once, and one request per placement is open at a
 * time). The guardian's name and address are the student's personal data: erased with them
 * (`student_id`). Outbox rows may be addressed to a consent request instead of a user.
 */
export class GuardianConsentByGuardian1764640000000 implements MigrationInterface {
  name = 'GuardianConsentByGuardian1764640000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE placements
        DROP CONSTRAINT placements_status_check,
        ADD CONSTRAINT placements_status_check CHECK (status IN ('offered', 'awaiting_guardian',
          'accepted', 'declined', 'expired', 'confirmed', 'withdrawn')),
        ADD CONSTRAINT placements_awaiting_guardian_check
          CHECK (status <> 'awaiting_guardian' OR needs_guardian_consent)`);
    await db.query(`DROP INDEX placements_one_active_per_student`);
    await db.query(`
      CREATE UNIQUE INDEX placements_one_active_per_student ON placements (student_id)
        WHERE status IN ('awaiting_guardian', 'accepted', 'confirmed')`);
    await db.query(`
      CREATE TABLE guardian_consents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        placement_id uuid NOT NULL REFERENCES placements (id) ON DELETE CASCADE,
        student_id uuid NOT NULL REFERENCES students (id) ON DELETE CASCADE,
        guardian_name text NOT NULL CHECK (
          length(guardian_name) BETWEEN 1 AND 200 AND NOT contains_cpr_number(guardian_name)),
        guardian_email text NOT NULL CHECK (
          length(guardian_email) BETWEEN 3 AND 320 AND guardian_email LIKE '_%@_%'),
        language text NOT NULL DEFAULT 'da' CHECK (language IN ('da', 'en')),
        requested_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        answered_at timestamptz,
        outcome text CHECK (outcome IN ('confirmed', 'refused', 'expired')),
        CONSTRAINT guardian_consents_answer_check CHECK ((outcome IS NULL) = (answered_at IS NULL)),
        CONSTRAINT guardian_consents_expiry_check CHECK (expires_at > requested_at)
      )`);
    await db.query(`
      CREATE UNIQUE INDEX guardian_consents_one_open_per_placement ON guardian_consents (placement_id)
        WHERE outcome IS NULL`);
    await db.query(`CREATE INDEX guardian_consents_student_idx ON guardian_consents (student_id)`);
    await db.query(`
      CREATE TABLE guardian_consent_links (
        token_hash bytea PRIMARY KEY CHECK (octet_length(token_hash) = 32),
        consent_id uuid NOT NULL REFERENCES guardian_consents (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(
      `CREATE INDEX guardian_consent_links_consent_idx ON guardian_consent_links (consent_id)`,
    );
    await db.query(`
      ALTER TABLE outbox
        ALTER COLUMN recipient_user_id DROP NOT NULL,
        ADD COLUMN guardian_consent_id uuid REFERENCES guardian_consents (id) ON DELETE CASCADE,
        ADD CONSTRAINT outbox_one_recipient_check
          CHECK (num_nonnulls(recipient_user_id, guardian_consent_id) = 1)`);
    await db.query(`
      CREATE INDEX outbox_guardian_consent_idx ON outbox (guardian_consent_id)
        WHERE guardian_consent_id IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM outbox WHERE guardian_consent_id IS NOT NULL`);
    await db.query(`
      ALTER TABLE outbox
        DROP CONSTRAINT outbox_one_recipient_check,
        DROP COLUMN guardian_consent_id,
        ALTER COLUMN recipient_user_id SET NOT NULL`);
    await db.query(`DROP TABLE guardian_consent_links`);
    await db.query(`DROP TABLE guardian_consents`);
    // Placements still waiting for a guardian go back to open offers, and give their seat back.
    await db.query(`
      UPDATE slots s SET seats_taken = s.seats_taken - w.held
      FROM (SELECT slot_id, count(*)::int AS held FROM placements
            WHERE status = 'awaiting_guardian' GROUP BY slot_id) w
      WHERE s.id = w.slot_id`);
    await db.query(`
      UPDATE placements SET status = 'offered', answered_at = NULL
      WHERE status = 'awaiting_guardian'`);
    await db.query(`DROP INDEX placements_one_active_per_student`);
    await db.query(`
      CREATE UNIQUE INDEX placements_one_active_per_student ON placements (student_id)
        WHERE status IN ('accepted', 'confirmed')`);
    await db.query(`
      ALTER TABLE placements
        DROP CONSTRAINT placements_awaiting_guardian_check,
        DROP CONSTRAINT placements_status_check,
        ADD CONSTRAINT placements_status_check CHECK (status IN ('offered', 'accepted', 'declined',
          'expired', 'confirmed', 'withdrawn'))`);
  }
}
