import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The order in which each slot ranked its applicants in a run (the host's ranking, then score
 * and lottery), stored with the run: explanations and the exported instance then read exactly
 * what the engine used, even if a profile changes afterwards.
 */
export class SlotOrders1764450000000 implements MigrationInterface {
  name = 'SlotOrders1764450000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE slot_orders (
        round_id uuid NOT NULL,
        slot_id uuid NOT NULL,
        student_id uuid NOT NULL,
        position integer NOT NULL CHECK (position >= 1),
        PRIMARY KEY (round_id, slot_id, student_id),
        CONSTRAINT slot_orders_position_unique UNIQUE (round_id, slot_id, position),
        CONSTRAINT slot_orders_preference_fk FOREIGN KEY (round_id, student_id, slot_id)
          REFERENCES preferences (round_id, student_id, slot_id) ON DELETE CASCADE
      )`);
    await db.query(`CREATE INDEX slot_orders_student_idx ON slot_orders (student_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE slot_orders`);
  }
}
