import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A student under 18 on the first day of the slot needs a parent's or guardian's consent to
 * accept it. Whether one is needed is decided when the offer is made and stored on the
 * placement, so this check can hold every accepted or confirmed placement of a minor to it,
 * whichever code path writes the row. The guardian's name is erased with the student; the
 * moment of consent stays, so the check keeps holding for the tombstone.
 */
export class GuardianConsent1764470000000 implements MigrationInterface {
  name = 'GuardianConsent1764470000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE placements
        ADD COLUMN needs_guardian_consent boolean NOT NULL DEFAULT false,
        ADD COLUMN guardian_name text
          CHECK (length(guardian_name) BETWEEN 1 AND 200 AND NOT contains_cpr_number(guardian_name)),
        ADD COLUMN guardian_consent_at timestamptz,
        ADD CONSTRAINT placements_guardian_consent_check CHECK (
          NOT needs_guardian_consent OR status NOT IN ('accepted', 'confirmed')
          OR guardian_consent_at IS NOT NULL),
        ADD CONSTRAINT placements_guardian_named_consent_check
          CHECK (guardian_name IS NULL OR guardian_consent_at IS NOT NULL)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE placements
        DROP CONSTRAINT placements_guardian_named_consent_check,
        DROP CONSTRAINT placements_guardian_consent_check,
        DROP COLUMN guardian_consent_at,
        DROP COLUMN guardian_name,
        DROP COLUMN needs_guardian_consent`);
  }
}
