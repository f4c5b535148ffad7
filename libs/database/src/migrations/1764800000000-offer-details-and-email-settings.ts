import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a student needs to know about an offer besides its period: whom to contact at the host
 * (a name and an e-mail or phone number; the place is the slot's `site`). And which e-mails a
 * user has turned off: one row per topic turned off, so a user with no rows gets every e-mail.
 * Offers and deadlines are not topics that can be turned off, which the CHECK holds too.
 */
export class OfferDetailsAndEmailSettings1764800000000 implements MigrationInterface {
  name = 'OfferDetailsAndEmailSettings1764800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE slots
        ADD COLUMN contact_name text NOT NULL DEFAULT '' CHECK (length(contact_name) <= 200),
        ADD COLUMN contact_email text NOT NULL DEFAULT '' CHECK (length(contact_email) <= 254),
        ADD COLUMN contact_phone text NOT NULL DEFAULT '' CHECK (length(contact_phone) <= 40)`);
    await db.query(`
      CREATE TABLE email_opt_outs (
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        topic text NOT NULL CHECK (topic IN ('rounds', 'reminders', 'reports')),
        opted_out_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, topic)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE email_opt_outs`);
    await db.query(`
      ALTER TABLE slots DROP COLUMN contact_name, DROP COLUMN contact_email,
        DROP COLUMN contact_phone`);
  }
}
