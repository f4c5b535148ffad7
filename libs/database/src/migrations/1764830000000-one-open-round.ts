import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * At most one round's preference window is open at a time: with two, students were mailed for
 * both, saw only the newest, and the older one was left behind. A follow-up round needs no
 * exception here, because it is created from a published round only (FOLLOW_UP_FROM in
 * libs/rounds), so its parent is never open beside it. The index also settles two admins
 * opening rounds at once: the second opening waits for the first and then fails.
 *
 * A database that already has several open rounds keeps the one opened last open; the others
 * close, with their ranks counted as closing counts them, and can be run as before.
 */
export class OneOpenRound1764830000000 implements MigrationInterface {
  name = 'OneOpenRound1764830000000';

  async up(db: QueryRunner): Promise<void> {
    const older = `SELECT id FROM rounds WHERE status = 'open'
                    ORDER BY opened_at DESC NULLS LAST, created_at DESC OFFSET 1`;
    await db.query(`
      UPDATE round_slots rs SET ranks_at_close = ARRAY(
          SELECT count(p.student_id)::int FROM generate_series(1, 10) g
            LEFT JOIN preferences p ON p.round_id = rs.round_id AND p.slot_id = rs.slot_id AND p.rank = g
           GROUP BY g ORDER BY g)
       WHERE rs.round_id IN (${older})`);
    await db.query(`UPDATE rounds SET status = 'closed' WHERE id IN (${older})`);
    await db.query(`CREATE UNIQUE INDEX rounds_one_open ON rounds ((true)) WHERE status = 'open'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX rounds_one_open`);
  }
}
