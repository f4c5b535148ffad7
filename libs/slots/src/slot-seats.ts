import { returnedRows } from '@app/database';
import { EntityManager } from 'typeorm';

/**
 * The one place that writes a slot's taken seats (`slots.seats_taken`): accepting an offer takes
 * one, an offer that ends while it held one gives it back. Each runs in the caller's transaction,
 * so the seat moves together with the placement whose status moved it.
 */
export const slotSeats = {
  /** Takes a free seat; false when the slot is full (`seats_taken < capacity`, also a CHECK). */
  async take(db: EntityManager, slotId: string): Promise<boolean> {
    const taken = returnedRows(
      await db.query(
        `UPDATE slots SET seats_taken = seats_taken + 1
         WHERE id = $1 AND seats_taken < capacity RETURNING id`,
        [slotId],
      ),
    );
    return taken.length > 0;
  },

  /** Gives back one seat per entry: a slot named twice gets two back. */
  async release(db: EntityManager, slotIds: readonly string[]): Promise<void> {
    if (slotIds.length === 0) return;
    await db.query(
      `UPDATE slots s SET seats_taken = s.seats_taken - freed.seats
       FROM (SELECT slot_id, count(*)::int AS seats FROM unnest($1::uuid[]) AS slot_id
             GROUP BY slot_id) freed
       WHERE s.id = freed.slot_id`,
      [slotIds],
    );
  },
};
