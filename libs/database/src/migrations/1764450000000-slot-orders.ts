import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The order in which each slot ranked its applicants in a run (the host's ranking, then score
 * and lottery), stored with the run: explanations and the exported instance then read exactly
 * what the engine used, even if a profile changes afterwards. One row per slot with the
 * applicants in order: a 100k-student round writes 20k rows, not a million. A student's rows
 * are found through their preferences (indexed), so the arrays need no index of their own.
 */
export class SlotOrders1764450000000 implements MigrationInterface {
  name = 'SlotOrders1764450000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE slot_orders (
        round_id uuid NOT NULL,
        slot_id uuid NOT NULL,
        student_ids uuid[] NOT NULL,
        PRIMARY KEY (round_id, slot_id),
        CONSTRAINT slot_orders_round_slot_fk FOREIGN KEY (round_id, slot_id)
          REFERENCES round_slots (round_id, slot_id) ON DELETE CASCADE
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE slot_orders`);
  }
}
