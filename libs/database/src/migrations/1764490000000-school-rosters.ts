import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How many live (not erased) students each school has, kept by the database in the same
 * statement that changes the students, so a coordinator's list shows its total without counting
 * a large school's roster on every page, and an index that gives a page's ids in list order. Set-based: a roster import of thousands of students
 * changes each school's count once.
 */
export class SchoolRosters1764490000000 implements MigrationInterface {
  name = 'SchoolRosters1764490000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE school_rosters (
        school_id uuid PRIMARY KEY REFERENCES organisations (id) ON DELETE CASCADE,
        live_students integer NOT NULL CHECK (live_students >= 0)
      )`);
    // A roster page's ids straight from the index, however deep the page.
    await db.query(`
      CREATE INDEX students_roster_idx ON students (school_id, full_name, id)
        WHERE user_id IS NOT NULL`);
    await db.query(`
      INSERT INTO school_rosters (school_id, live_students)
      SELECT school_id, count(*) FROM students WHERE user_id IS NOT NULL GROUP BY school_id`);
    await db.query(`
      CREATE FUNCTION count_school_rosters() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'TRUNCATE' THEN
          DELETE FROM school_rosters;
          RETURN NULL;
        END IF;
        -- Gains are upserted (a school may get its first student), losses only update: a school
        -- losing students has a count. Apart, as the CHECK applies to an upsert's proposed row.
        WITH changes AS (
          SELECT school_id, sum(change) AS change
            FROM (SELECT school_id, 1 AS change FROM new_rows WHERE user_id IS NOT NULL
                  UNION ALL
                  SELECT school_id, -1 FROM old_rows WHERE user_id IS NOT NULL) AS each_row
           GROUP BY school_id),
        gains AS (
          INSERT INTO school_rosters AS r (school_id, live_students)
          SELECT school_id, change FROM changes WHERE change > 0 ORDER BY school_id
          ON CONFLICT (school_id)
            DO UPDATE SET live_students = r.live_students + EXCLUDED.live_students)
        UPDATE school_rosters r SET live_students = r.live_students + c.change
          FROM changes c WHERE c.school_id = r.school_id AND c.change < 0;
        RETURN NULL;
      END $$`);
    // A transition table exists only for the events that have it: stand in empty ones.
    await db.query(`
      CREATE FUNCTION count_school_rosters_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO school_rosters AS r (school_id, live_students)
        SELECT school_id, count(*) FROM new_rows WHERE user_id IS NOT NULL
         GROUP BY school_id ORDER BY school_id
        ON CONFLICT (school_id) DO UPDATE SET live_students = r.live_students + EXCLUDED.live_students;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE FUNCTION count_school_rosters_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE school_rosters r SET live_students = r.live_students - gone.n
          FROM (SELECT school_id, count(*) AS n FROM old_rows WHERE user_id IS NOT NULL
                 GROUP BY school_id) AS gone
         WHERE r.school_id = gone.school_id;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER students_count_inserted AFTER INSERT ON students
        REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION count_school_rosters_inserted()`);
    await db.query(`
      CREATE TRIGGER students_count_updated AFTER UPDATE ON students
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION count_school_rosters()`);
    await db.query(`
      CREATE TRIGGER students_count_deleted AFTER DELETE ON students
        REFERENCING OLD TABLE AS old_rows
        FOR EACH STATEMENT EXECUTE FUNCTION count_school_rosters_deleted()`);
    await db.query(`
      CREATE TRIGGER students_count_truncated AFTER TRUNCATE ON students
        FOR EACH STATEMENT EXECUTE FUNCTION count_school_rosters()`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const event of ['inserted', 'updated', 'deleted', 'truncated']) {
      await db.query(`DROP TRIGGER students_count_${event} ON students`);
    }
    await db.query(`DROP FUNCTION count_school_rosters_deleted()`);
    await db.query(`DROP FUNCTION count_school_rosters_inserted()`);
    await db.query(`DROP FUNCTION count_school_rosters()`);
    await db.query(`DROP TABLE school_rosters`);
    await db.query(`DROP INDEX students_roster_idx`);
  }
}
