import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Only a draft round may be deleted or have its terms (name, window, answer days) changed:
 * once a round opens, students were told its window and rank against it, and its run and
 * offers refer to it.
 */
export class RoundDrafts1764680000000 implements MigrationInterface {
  name = 'RoundDrafts1764680000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION rounds_only_drafts_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status <> 'draft' THEN
          RAISE EXCEPTION 'round % is %, only a draft may be deleted or change its terms',
            OLD.id, OLD.status USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    await db.query(`
      CREATE TRIGGER rounds_only_drafts_delete BEFORE DELETE ON rounds
        FOR EACH ROW EXECUTE FUNCTION rounds_only_drafts_change()`);
    await db.query(`
      CREATE TRIGGER rounds_only_drafts_change_terms
        BEFORE UPDATE OF name, preferences_open_at, preferences_close_at, offer_answer_days ON rounds
        FOR EACH ROW
        WHEN (ROW(OLD.name, OLD.preferences_open_at, OLD.preferences_close_at, OLD.offer_answer_days)
              IS DISTINCT FROM
              ROW(NEW.name, NEW.preferences_open_at, NEW.preferences_close_at, NEW.offer_answer_days))
        EXECUTE FUNCTION rounds_only_drafts_change()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER rounds_only_drafts_change_terms ON rounds`);
    await db.query(`DROP TRIGGER rounds_only_drafts_delete ON rounds`);
    await db.query(`DROP FUNCTION rounds_only_drafts_change()`);
  }
}
