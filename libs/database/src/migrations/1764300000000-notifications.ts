import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The notification outbox and the in-app notifications it produces. An outbox row is written in
 * the same transaction as the change it reports, so a Redis outage loses nothing; its unique
 * dedupe key records one event for one recipient and channel once, however often it is emitted.
 */
export class Notifications1764300000000 implements MigrationInterface {
  name = 'Notifications1764300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event text NOT NULL CHECK (event ~ '^[a-z]+([.-][a-z]+)*$'),
        recipient_user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        channel text NOT NULL CHECK (channel IN ('email', 'in_app')),
        payload jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(payload) = 'object'),
        dedupe_key text NOT NULL CHECK (length(dedupe_key) BETWEEN 1 AND 500),
        status text NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending', 'queued', 'delivered', 'failed')),
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        last_error text CHECK (length(last_error) <= 2000),
        -- A delivery in progress: duplicates of the job keep off the row until then.
        sending_until timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        queued_at timestamptz,
        delivered_at timestamptz,
        CONSTRAINT outbox_dedupe_key_unique UNIQUE (dedupe_key),
        CONSTRAINT outbox_queued_check CHECK (status <> 'queued' OR queued_at IS NOT NULL),
        CONSTRAINT outbox_delivered_check CHECK ((status = 'delivered') = (delivered_at IS NOT NULL))
      )`);
    // The relay reads only rows still to be sent; partial indexes keep that cheap as the table grows.
    await db.query(
      `CREATE INDEX outbox_pending_idx ON outbox (created_at) WHERE status = 'pending'`,
    );
    await db.query(`CREATE INDEX outbox_queued_idx ON outbox (queued_at) WHERE status = 'queued'`);
    await db.query(`CREATE INDEX outbox_failed_idx ON outbox (created_at) WHERE status = 'failed'`);
    await db.query(`CREATE INDEX outbox_recipient_idx ON outbox (recipient_user_id)`);
    await db.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        outbox_id uuid REFERENCES outbox (id) ON DELETE SET NULL,
        event text NOT NULL,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
        body text NOT NULL CHECK (length(body) <= 5000),
        link text CHECK (length(link) <= 2000),
        read_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT notifications_outbox_unique UNIQUE (outbox_id)
      )`);
    await db.query(
      `CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC, id)`,
    );
    await db.query(
      `CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE notifications`);
    await db.query(`DROP TABLE outbox`);
  }
}
