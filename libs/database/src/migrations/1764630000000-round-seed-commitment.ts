import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A round commits to its lottery seed: the seed's SHA-256 is stored beside it, derived by the
 * database so the two cannot disagree, and the seed never changes once written. The service
 * draws it when the round is created, before any student can rank, and shows the commitment
 * from then on and the seed only after the run; so nobody, admins included, can pick a seed
 * after seeing the preferences. The run record keeps both, for anyone to check the reveal.
 */
export class RoundSeedCommitment1764630000000 implements MigrationInterface {
  name = 'RoundSeedCommitment1764630000000';

  async up(db: QueryRunner): Promise<void> {
    // convert_to is only "stable" in the catalogue, but a database's encoding never changes.
    await db.query(`
      CREATE FUNCTION seed_commitment(seed text) RETURNS text LANGUAGE sql IMMUTABLE STRICT
      AS $$ SELECT encode(sha256(convert_to(seed, 'UTF8')), 'hex') $$`);
    await db.query(`
      ALTER TABLE rounds
        ADD COLUMN seed_commitment text GENERATED ALWAYS AS (seed_commitment(seed)) STORED`);
    await db.query(`
      ALTER TABLE round_runs
        ADD COLUMN seed_commitment text GENERATED ALWAYS AS (seed_commitment(seed)) STORED`);
    await db.query(`
      CREATE FUNCTION rounds_keep_seed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.seed IS DISTINCT FROM OLD.seed THEN
          RAISE EXCEPTION 'the lottery seed of round % is fixed', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER rounds_keep_seed BEFORE UPDATE OF seed ON rounds
        FOR EACH ROW EXECUTE FUNCTION rounds_keep_seed()`);
    // A run draws with its round's seed: the record cannot name another.
    await db.query(`
      CREATE FUNCTION round_runs_seed_of_round() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM rounds r WHERE r.id = NEW.round_id AND r.seed = NEW.seed) THEN
          RAISE EXCEPTION 'the run of round % must use the round''s seed', NEW.round_id
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER round_runs_seed_of_round BEFORE INSERT OR UPDATE OF seed, round_id ON round_runs
        FOR EACH ROW EXECUTE FUNCTION round_runs_seed_of_round()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER round_runs_seed_of_round ON round_runs`);
    await db.query(`DROP FUNCTION round_runs_seed_of_round()`);
    await db.query(`DROP TRIGGER rounds_keep_seed ON rounds`);
    await db.query(`DROP FUNCTION rounds_keep_seed()`);
    await db.query(`ALTER TABLE round_runs DROP COLUMN seed_commitment`);
    await db.query(`ALTER TABLE rounds DROP COLUMN seed_commitment`);
    await db.query(`DROP FUNCTION seed_commitment(text)`);
  }
}
