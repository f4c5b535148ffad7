import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Invitation tokens are drawn at random, no longer derived from the invitation id. The token
 * returned to whoever created the account stays in token_hash; the worker draws another one
 * when it sends the invitation e-mail and keeps its hash in mail_token_hash (a retried e-mail
 * replaces it). Either spends the invitation, once. Only hashes are stored.
 */
export class RandomInvitationTokens1764600000001 implements MigrationInterface {
  name = 'RandomInvitationTokens1764600000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE invitations
        ADD COLUMN mail_token_hash text CHECK (mail_token_hash ~ '^[0-9a-f]{64}$'),
        ADD CONSTRAINT invitations_mail_token_hash_unique UNIQUE (mail_token_hash)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE invitations DROP COLUMN mail_token_hash`);
  }
}
