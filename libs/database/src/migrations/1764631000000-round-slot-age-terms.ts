import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The minimum age and first day a slot had when its round opened, kept on the round's slot: a
 * reviewer sees whether each applicant meets that age (yes or no), and editing the slot later
 * cannot move the question, so repeated edits cannot narrow down a birth date. While the slot's
 * round has not made its offers (open, closed, matching, matched), the slot's own minimum age
 * and first day cannot change either: what students ranked, what the engine used and what the
 * offer says about guardian consent all rest on them.
 */
export class RoundSlotAgeTerms1764631000000 implements MigrationInterface {
  name = 'RoundSlotAgeTerms1764631000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE round_slots ADD COLUMN min_age smallint, ADD COLUMN starts_on date`,
    );
    await db.query(`
      UPDATE round_slots rs SET min_age = s.min_age, starts_on = s.starts_on
        FROM slots s WHERE s.id = rs.slot_id`);
    await db.query(`ALTER TABLE round_slots ALTER COLUMN starts_on SET NOT NULL`);
    await db.query(`
      CREATE FUNCTION round_slots_take_age_terms() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          SELECT s.min_age, s.starts_on INTO NEW.min_age, NEW.starts_on
            FROM slots s WHERE s.id = NEW.slot_id;
        ELSIF NEW.min_age IS DISTINCT FROM OLD.min_age OR NEW.starts_on IS DISTINCT FROM OLD.starts_on THEN
          RAISE EXCEPTION 'the age terms of slot % in round % are fixed', OLD.slot_id, OLD.round_id
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER round_slots_take_age_terms BEFORE INSERT OR UPDATE ON round_slots
        FOR EACH ROW EXECUTE FUNCTION round_slots_take_age_terms()`);
    await db.query(`
      CREATE FUNCTION slots_keep_age_terms_in_round() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF (NEW.min_age IS DISTINCT FROM OLD.min_age OR NEW.starts_on IS DISTINCT FROM OLD.starts_on)
           AND EXISTS (SELECT 1 FROM round_slots rs JOIN rounds r ON r.id = rs.round_id
                        WHERE rs.slot_id = OLD.id
                          AND r.status IN ('open', 'closed', 'matching', 'matched')) THEN
          RAISE EXCEPTION 'slot % is in a round: its minimum age and first day are fixed', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER slots_keep_age_terms_in_round BEFORE UPDATE OF min_age, starts_on ON slots
        FOR EACH ROW EXECUTE FUNCTION slots_keep_age_terms_in_round()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER slots_keep_age_terms_in_round ON slots`);
    await db.query(`DROP FUNCTION slots_keep_age_terms_in_round()`);
    await db.query(`DROP TRIGGER round_slots_take_age_terms ON round_slots`);
    await db.query(`DROP FUNCTION round_slots_take_age_terms()`);
    await db.query(`ALTER TABLE round_slots DROP COLUMN starts_on, DROP COLUMN min_age`);
  }
}
