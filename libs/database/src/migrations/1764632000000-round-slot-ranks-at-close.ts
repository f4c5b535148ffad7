import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How many students put each slot at each rank, counted once when the preference window
 * closes. Reviewers see these figures (small groups withheld) and never live ones: a live
 * count that moves the moment a named applicant joins the list would tell them that student's
 * rank. Rounds already past their window get the counts of the preferences they hold now.
 */
export class RoundSlotRanksAtClose1764632000000 implements MigrationInterface {
  name = 'RoundSlotRanksAtClose1764632000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE round_slots ADD COLUMN ranks_at_close integer[]
        CONSTRAINT round_slots_ranks_at_close_check CHECK (
          ranks_at_close IS NULL
          OR (cardinality(ranks_at_close) = 10 AND 0 <= ALL (ranks_at_close)))`);
    await db.query(`
      UPDATE round_slots rs SET ranks_at_close = ARRAY(
          SELECT count(p.student_id)::int FROM generate_series(1, 10) g
            LEFT JOIN preferences p ON p.round_id = rs.round_id AND p.slot_id = rs.slot_id AND p.rank = g
           GROUP BY g ORDER BY g)
        FROM rounds r
       WHERE r.id = rs.round_id AND r.status NOT IN ('draft', 'open')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE round_slots DROP COLUMN ranks_at_close`);
  }
}
