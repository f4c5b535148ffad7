import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which accounts are throttled, from how many addresses and until when, for admins to see.
 * The counting itself is in Redis; this table only records a block when one starts, keyed by
 * account and a hash of the address (never the address itself).
 */
export class SignInBlocks1764600000002 implements MigrationInterface {
  name = 'SignInBlocks1764600000002';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE sign_in_blocks (
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        address_hash text NOT NULL CHECK (address_hash ~ '^[0-9a-f]{32}$'),
        blocked_at timestamptz NOT NULL DEFAULT now(),
        blocked_until timestamptz NOT NULL,
        PRIMARY KEY (user_id, address_hash),
        CONSTRAINT sign_in_blocks_period_check CHECK (blocked_until > blocked_at)
      )`);
    await db.query(`CREATE INDEX sign_in_blocks_until_idx ON sign_in_blocks (blocked_until)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE sign_in_blocks`);
  }
}
