import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The nightly purge finds old outbox rows by `created_at`. A block-range index costs next to
 * nothing per delivery (a B-tree on delivered rows would be written on every delivered mark),
 * and rows are appended in time order, so each range of blocks holds a narrow span of days.
 * Failed rows already have their own index (outbox_failed_idx).
 */
export class OutboxPurge1764510000000 implements MigrationInterface {
  name = 'OutboxPurge1764510000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX outbox_created_brin ON outbox USING brin (created_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX outbox_created_brin`);
  }
}
