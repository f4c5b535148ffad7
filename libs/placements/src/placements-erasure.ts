import { returnedRows } from '@app/database';
import { slotSeats } from '@app/slots';
import { EntityManager } from 'typeorm';

/**
 * The placements lib's part of a student's erasure (libs/privacy), in the erasure's transaction.
 */
export const placementsErasure = {
  /**
   * An open offer is withdrawn and an accepted one (or one awaiting the guardian) gives its seat
   * back, so the host is not left waiting for someone who is gone.
   */
  async withdrawOpenOffers(db: EntityManager, studentId: string): Promise<void> {
    const released = returnedRows<{ slotId: string; was: string }>(
      await db.query(
        `WITH offers AS (
         SELECT id, status FROM placements
         WHERE student_id = $1 AND status IN ('offered', 'awaiting_guardian', 'accepted')
         FOR UPDATE
       )
       UPDATE placements p SET status = 'withdrawn', answered_at = coalesce(p.answered_at, now())
       FROM offers WHERE p.id = offers.id
       RETURNING p.slot_id AS "slotId", offers.status AS was`,
        [studentId],
      ),
    );
    await slotSeats.release(
      db,
      released.filter((row) => row.was !== 'offered').map((row) => row.slotId),
    );
  },

  /**
   * The guardian is a person too; the moment of consent stays for the placement's check. Their
   * requests go with their links (by foreign key).
   */
  async forgetGuardians(db: EntityManager, studentId: string): Promise<void> {
    await db.query(`UPDATE placements SET guardian_name = NULL WHERE student_id = $1`, [studentId]);
    await db.query(`DELETE FROM guardian_consents WHERE student_id = $1`, [studentId]);
  },
};
