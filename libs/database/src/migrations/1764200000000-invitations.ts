import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One-time invitations to set a password. Only a SHA-256 of the token is stored, so a copy of
 * the database does not let anyone take over an account that has not been activated yet.
 */
export class Invitations1764200000000 implements MigrationInterface {
  name = 'Invitations1764200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE invitations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        token_hash text NOT NULL CHECK (token_hash ~ '^[0-9a-f]{64}$'),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT invitations_token_hash_unique UNIQUE (token_hash),
        CONSTRAINT invitations_expiry_check CHECK (expires_at > created_at)
      )`);
    await db.query(`CREATE INDEX invitations_user_idx ON invitations (user_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE invitations`);
  }
}
