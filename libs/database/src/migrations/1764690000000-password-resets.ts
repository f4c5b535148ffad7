import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "Forgotten password" requests. The token exists only in the e-mail: the worker draws it when it
 * sends the message and stores its SHA-256 here, so neither the database nor the outbox holds a
 * usable link. A request is spent once (`used_at`) and lives an hour; a reset spends every other
 * open request of the account too. Deleted with the account.
 */
export class PasswordResets1764690000000 implements MigrationInterface {
  name = 'PasswordResets1764690000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE password_resets (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        token_hash text,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT password_resets_token_hash_unique UNIQUE (token_hash),
        CONSTRAINT password_resets_token_hash_check CHECK (token_hash ~ '^[0-9a-f]{64}$'),
        CONSTRAINT password_resets_expiry_check
          CHECK (expires_at > created_at AND expires_at <= created_at + interval '1 hour'),
        CONSTRAINT password_resets_used_check CHECK (used_at IS NULL OR used_at >= created_at)
      )`);
    await db.query(
      `CREATE INDEX password_resets_user_idx ON password_resets (user_id, created_at)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE password_resets`);
  }
}
