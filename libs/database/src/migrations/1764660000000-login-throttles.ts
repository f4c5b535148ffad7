import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in counters for the postgres queue backend, where no Redis holds them: one row per
 * throttled key (client address or account, hashed) with the hits of its current window and,
 * once over the limit, when the block ends. Unlogged, like a Redis without persistence: a crash
 * forgets the counters, which only lets a few more attempts through.
 */
export class LoginThrottles1764660000000 implements MigrationInterface {
  name = 'LoginThrottles1764660000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE UNLOGGED TABLE login_throttles (
        key text PRIMARY KEY,
        hits integer NOT NULL CHECK (hits > 0),
        window_ends_at timestamptz NOT NULL,
        blocked_until timestamptz
      )`);
    await db.query(`CREATE INDEX login_throttles_window_idx ON login_throttles (window_ends_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE login_throttles`);
  }
}
