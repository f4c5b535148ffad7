import { ACTIVE_PLACEMENT_STATUSES, placementStatusIn } from '@app/database';
import { SLOTS_WITH_FREE_SEATS } from '@app/slots';
import { EntityManager } from 'typeorm';

export { SLOTS_WITH_FREE_SEATS };

/** Students who may take part: not erased, and with no offer or placement yet. */
export const ELIGIBLE_STUDENTS = `
  SELECT st.id, st.user_id FROM students st
   WHERE st.erased_at IS NULL AND NOT EXISTS (
     SELECT 1 FROM placements p WHERE p.student_id = st.id
       AND p.${placementStatusIn(ACTIVE_PLACEMENT_STATUSES)})`;

/** What opening a round would take, shown to the admin before they confirm. */
export interface OpeningPreview {
  slots: number;
  seats: number;
  eligibleStudents: number;
  /** The round that is open now, if any: while it is, opening is refused (one at a time). */
  openRound: { id: string; name: string } | null;
}

export function closingDay(round: { preferencesCloseAt: Date }): string {
  return round.preferencesCloseAt.toISOString().slice(0, 10);
}

export async function previewOpening(
  db: EntityManager,
  round: { preferencesCloseAt: Date },
): Promise<OpeningPreview> {
  const [slots] = await db.query<{ slots: number; seats: number }[]>(
    `SELECT count(*)::int AS slots, COALESCE(sum(free), 0)::int AS seats
       FROM (${SLOTS_WITH_FREE_SEATS}) taken`,
    [closingDay(round)],
  );
  const [students] = await db.query<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM (${ELIGIBLE_STUDENTS}) eligible`,
  );
  const [openRound = null] = await db.query<{ id: string; name: string }[]>(
    `SELECT id, name FROM rounds WHERE status = 'open'`,
  );
  return {
    slots: slots.slots,
    seats: slots.seats,
    eligibleStudents: students.n,
    openRound,
  };
}
