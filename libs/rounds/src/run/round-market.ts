import { lotteryTickets, MatchingInstance } from '@app/matching';
import { Applicant, orderApplicants } from '../ordering/slot-ordering';
import { revealedSeed, Round } from '@app/database';
import { scoreApplicant, ScoringSlot, ScoringStudent } from '../ordering/scoring';

export interface SlotRow extends ScoringSlot {
  slotId: string;
  seats: number;
}

export interface PreferenceRow {
  studentId: string;
  slotId: string;
  /** False for a pair the engine leaves out (KEPT); rankings carry none. */
  kept?: boolean;
}

/** Anything that runs SQL and resolves with the rows: an EntityManager, or a pg client adapter. */
export interface Queryable {
  query<T>(sql: string, params?: unknown[]): Promise<T>;
}

/**
 * A preference the engine leaves out, so the student is never placed on that slot: the student
 * declined an offer of the slot in an earlier round (a follow-up round does not offer it again),
 * or the slot's host marked the student not acceptable for it in this round. The pair leaves
 * both sides of the instance, the student's list and the slot's order; `libs/matching` never
 * learns why.
 */
const KEPT = (preferences: string) => `NOT EXISTS (
  SELECT 1 FROM placements declined WHERE declined.status = 'declined'
     AND declined.student_id = ${preferences}.student_id AND declined.slot_id = ${preferences}.slot_id)
  AND NOT EXISTS (
  SELECT 1 FROM not_acceptable_applicants na WHERE na.round_id = ${preferences}.round_id
     AND na.slot_id = ${preferences}.slot_id AND na.student_id = ${preferences}.student_id)`;

/** Rounds whose run is stored: their slots' orders are read back, never recomputed. */
const RUN_STORED = ['matched', 'published'];

/**
 * A round as a matching instance: each student's preference list, and each slot's seats and
 * strict order of applicants. Before the run that order is computed (host ranking, then score
 * and lottery); after it, the order the run stored is read back, so explanations and exports
 * show exactly what the engine used. Students and slots are sorted by id so the same round
 * always gives the same instance; a fixed number of set-based queries, however large the round.
 */
export async function loadRoundInstance(
  db: Queryable,
  round: { id: string; seed: string; status: string },
  onlySlotIds?: readonly string[],
): Promise<MatchingInstance> {
  if (RUN_STORED.includes(round.status)) return loadStoredInstance(db, round.id, onlySlotIds);
  return computeRoundInstance(db, round.id, round.seed, onlySlotIds);
}

/** The round's lottery as an exported instance carries it: the reveal, and what it must match. */
export interface InstanceLottery {
  /** SHA-256 (hex) of the seed's UTF-8 bytes, fixed since the round was created. */
  seedCommitment: string;
  /** Null until the run is stored. */
  seed: string | null;
}

/**
 * The round as a matching instance for export, with its lottery beside the contract's fields
 * (the `match` command ignores fields the contract does not define): after the run, anyone can
 * check `seed` against `seedCommitment` and re-draw every tie from it.
 */
export async function exportRoundInstance(
  db: Queryable,
  round: Pick<Round, 'id' | 'seed' | 'status' | 'seedCommitment'>,
): Promise<MatchingInstance & { lottery: InstanceLottery }> {
  const instance = await loadRoundInstance(db, round);
  return {
    ...instance,
    lottery: { seedCommitment: round.seedCommitment, seed: revealedSeed(round) },
  };
}

/** The instance as it stands now, with every slot's order computed from the live data. */
export async function computeRoundInstance(
  db: Queryable,
  roundId: string,
  seed: string,
  onlySlotIds?: readonly string[],
): Promise<MatchingInstance> {
  const onlySlots = (column: string) => (onlySlotIds ? `AND ${column} = ANY($2)` : '');
  const params = onlySlotIds ? [roundId, onlySlotIds] : [roundId];
  // One after another: the run reads through one client in a transaction, which takes one
  // statement at a time (several at once is deprecated in pg and refused from pg 9).
  const slots = await db.query<SlotRow[]>(
    `SELECT rs.slot_id AS "slotId", rs.seats, s.skills, s.language, s.focus_area AS "focusArea",
            COALESCE(array_agg(sp.programme_id) FILTER (WHERE sp.programme_id IS NOT NULL), '{}')
              AS "programmeIds"
     FROM round_slots rs JOIN slots s ON s.id = rs.slot_id
     LEFT JOIN slot_programmes sp ON sp.slot_id = rs.slot_id
     WHERE rs.round_id = $1 ${onlySlots('rs.slot_id')}
     GROUP BY rs.slot_id, rs.seats, s.id ORDER BY rs.slot_id`,
    params,
  );
  const preferences = await db.query<PreferenceRow[]>(
    `SELECT student_id AS "studentId", slot_id AS "slotId", ${KEPT('preferences')} AS kept
     FROM preferences WHERE round_id = $1 ${onlySlots('slot_id')}
     ORDER BY student_id, rank`,
    params,
  );
  const students = await db.query<RoundStudent[]>(
    `SELECT s.id AS "studentId", s.programme_id AS "programmeId", s.skills, s.languages, s.interests
     FROM students s WHERE s.id IN (SELECT student_id FROM preferences
       WHERE round_id = $1 ${onlySlots('slot_id')} AND ${KEPT('preferences')})`,
    params,
  );
  const rankings = await db.query<PreferenceRow[]>(
    `SELECT r.slot_id AS "slotId", r.student_id AS "studentId" FROM rankings r
     JOIN preferences p ON p.round_id = r.round_id AND p.slot_id = r.slot_id
                       AND p.student_id = r.student_id
     WHERE r.round_id = $1 ${onlySlots('r.slot_id')} AND ${KEPT('p')}
     ORDER BY r.slot_id, r.rank`,
    params,
  );
  return assembleRoundInstance({ seed, slots, preferences, students, rankings });
}

/** A student's profile as the score reads it. */
export type RoundStudent = ScoringStudent & { studentId: string };

/** What a round's instance is built from, as read from the database. */
export interface RoundInstanceInput {
  seed: string;
  slots: readonly SlotRow[];
  /** Every preference of the round, in each student's order; `kept: false` leaves it out. */
  preferences: readonly PreferenceRow[];
  /** The profiles of the students with a kept preference. */
  students: readonly RoundStudent[];
  /** The hosts' rankings, in each slot's order. */
  rankings: readonly PreferenceRow[];
}

/**
 * The instance from the round's rows, without I/O. A pair that is not kept is in neither the
 * student's list nor the slot's order (nor its host ranking); a student all of whose pairs are
 * left out is still in the instance, with an empty list, so the run records them as unplaced.
 */
export function assembleRoundInstance(input: RoundInstanceInput): MatchingInstance {
  const kept = input.preferences.filter((p) => p.kept !== false);
  const keptPairs = new Set(kept.map((p) => pairKey(p)));
  const studentsById = new Map(input.students.map((s) => [s.studentId, s]));
  // One ticket per student for the whole round: a single lottery, drawn once, not per slot.
  const tickets = lotteryTickets(
    input.seed,
    input.students.map((s) => s.studentId),
  );
  const applicantsBySlot = groupBy(kept, (p) => p.slotId);
  const rankingBySlot = groupBy(
    input.rankings.filter((r) => keptPairs.has(pairKey(r))),
    (r) => r.slotId,
  );

  return {
    students: studentLists(input.preferences),
    slots: input.slots.map((slot) => {
      const applicants: Applicant[] = (applicantsBySlot.get(slot.slotId) ?? []).map((p) => ({
        studentId: p.studentId,
        score: scoreApplicant(studentsById.get(p.studentId)!, slot),
      }));
      const hostRanking = (rankingBySlot.get(slot.slotId) ?? []).map((r) => r.studentId);
      return {
        id: slot.slotId,
        capacity: slot.seats,
        preferences: orderApplicants(applicants, hostRanking, tickets),
      };
    }),
  };
}

const pairKey = (p: { studentId: string; slotId: string }) => `${p.studentId}:${p.slotId}`;

async function loadStoredInstance(
  db: Queryable,
  roundId: string,
  onlySlotIds?: readonly string[],
): Promise<MatchingInstance> {
  const onlySlots = (column: string) => (onlySlotIds ? `AND ${column} = ANY($2)` : '');
  const params = onlySlotIds ? [roundId, onlySlotIds] : [roundId];
  const slots = await db.query<{ slotId: string; seats: number }[]>(
    `SELECT rs.slot_id AS "slotId", rs.seats FROM round_slots rs
     WHERE rs.round_id = $1 ${onlySlots('rs.slot_id')} ORDER BY rs.slot_id`,
    params,
  );
  const preferences = await db.query<PreferenceRow[]>(
    `SELECT student_id AS "studentId", slot_id AS "slotId", ${KEPT('preferences')} AS kept
     FROM preferences WHERE round_id = $1 ${onlySlots('slot_id')}
     ORDER BY student_id, rank`,
    params,
  );
  const orders = await db.query<{ slotId: string; studentIds: string[] }[]>(
    `SELECT slot_id AS "slotId", student_ids AS "studentIds" FROM slot_orders
     WHERE round_id = $1 ${onlySlots('slot_id')}`,
    params,
  );
  const orderBySlot = new Map(orders.map((o) => [o.slotId, o.studentIds]));
  return {
    students: studentLists(preferences),
    slots: slots.map((slot) => ({
      id: slot.slotId,
      capacity: slot.seats,
      preferences: orderBySlot.get(slot.slotId) ?? [],
    })),
  };
}

function studentLists(preferences: readonly PreferenceRow[]) {
  return [...groupBy(preferences, (p) => p.studentId)]
    .map(([id, rows]) => ({
      id,
      preferences: rows.filter((row) => row.kept !== false).map((row) => row.slotId),
    }))
    .sort((a, b) => compareIds(a.id, b.id));
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

/** Byte order, as PostgreSQL's "C" collation sorts uuids: independent of any locale. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
