import { EntityManager } from 'typeorm';
import { Round, SEED_REVEALED } from '@app/database';

/** The outcome of a round's run, for the admin to see before publishing it. */
export interface RoundSummary {
  /** Students who ranked at least one slot of the round, and so took part in the run. */
  students: number;
  matched: number;
  unplaced: number;
  firstChoice: number;
  /** How many got their 1st, 2nd, ... choice: index 0 is the first choice. */
  byChoice: number[];
}

/** Null until the run is stored; from then on it does not change. */
export async function roundSummary(
  db: EntityManager,
  round: Pick<Round, 'id' | 'status'>,
): Promise<RoundSummary | null> {
  if (!SEED_REVEALED.includes(round.status)) return null;
  const [counts] = await db.query<Omit<RoundSummary, 'byChoice'>[]>(
    `SELECT count(*)::int AS students,
            count(*) FILTER (WHERE slot_id IS NOT NULL)::int AS matched,
            count(*) FILTER (WHERE slot_id IS NULL)::int AS unplaced,
            count(*) FILTER (WHERE student_rank = 1)::int AS "firstChoice"
       FROM assignments WHERE round_id = $1`,
    [round.id],
  );
  const ranks = await db.query<{ rank: number; n: number }[]>(
    `SELECT student_rank AS rank, count(*)::int AS n FROM assignments
      WHERE round_id = $1 AND student_rank IS NOT NULL GROUP BY student_rank`,
    [round.id],
  );
  const deepest = Math.max(0, ...ranks.map((row) => row.rank));
  const byChoice = Array.from({ length: deepest }, () => 0);
  for (const row of ranks) byChoice[row.rank - 1] = row.n;
  return { ...counts, byChoice };
}
