import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * CPR numbers are never stored. The api refuses them in every free-text field (@NoCprNumber);
 * these checks catch what bypasses the api (a script, a seed, a console) in the fields where
 * people are most tempted to paste one: names, the motivation, skills and the slots' texts.
 * The pattern is the api's: DDMMYY with a day that exists in the month, then four digits,
 * optionally after a dash or a space, not inside a longer run of digits.
 */
export class NoCprNumbers1764400000000 implements MigrationInterface {
  name = 'NoCprNumbers1764400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION contains_cpr_number(value text) RETURNS boolean
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT value ~ ('(^|[^0-9])'
          || '((0[1-9]|[12][0-9]|3[01])(0[13578]|1[02])|(0[1-9]|[12][0-9]|30)(0[469]|11)|(0[1-9]|[12][0-9])02)'
          || '[0-9]{2}[- ]?[0-9]{4}([^0-9]|$)')
      $$`);
    await db.query(`
      ALTER TABLE students
        ADD CONSTRAINT students_no_cpr_check CHECK (NOT contains_cpr_number(
          full_name || ' ' || motivation || ' ' || array_to_string(skills, ' ')))`);
    await db.query(`
      ALTER TABLE users
        ADD CONSTRAINT users_no_cpr_check CHECK (NOT contains_cpr_number(display_name))`);
    await db.query(`
      ALTER TABLE slots
        ADD CONSTRAINT slots_no_cpr_check CHECK (NOT contains_cpr_number(
          title || ' ' || description || ' ' || site || ' ' || array_to_string(skills, ' ')))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE slots DROP CONSTRAINT slots_no_cpr_check`);
    await db.query(`ALTER TABLE users DROP CONSTRAINT users_no_cpr_check`);
    await db.query(`ALTER TABLE students DROP CONSTRAINT students_no_cpr_check`);
    await db.query(`DROP FUNCTION contains_cpr_number(text)`);
  }
}
