import { lotteryTickets, MatchingInstance } from '@app/matching';
import { Applicant, orderApplicants } from './slot-ordering';
import { scoreApplicant, ScoringSlot, ScoringStudent } from './scoring';

interface SlotRow extends ScoringSlot {
  slotId: string;
  seats: number;
}

interface PreferenceRow {
  studentId: string;
  slotId: string;
}

/** Anything that runs SQL and resolves with the rows: an EntityManager, or a pg client adapter. */
export interface Queryable {
  query<T>(sql: string, params?: unknown[]): Promise<T>;
}

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
    `SELECT student_id AS "studentId", slot_id AS "slotId" FROM preferences
     WHERE round_id = $1 ${onlySlots('slot_id')} ORDER BY student_id, rank`,
    params,
  );
  const students = await db.query<(ScoringStudent & { studentId: string })[]>(
    `SELECT s.id AS "studentId", s.programme_id AS "programmeId", s.skills, s.languages, s.interests
     FROM students s WHERE s.id IN (SELECT student_id FROM preferences WHERE round_id = $1 ${onlySlots('slot_id')})`,
    params,
  );
  const rankings = await db.query<PreferenceRow[]>(
    `SELECT slot_id AS "slotId", student_id AS "studentId" FROM rankings
     WHERE round_id = $1 ${onlySlots('slot_id')} ORDER BY slot_id, rank`,
    params,
  );

  const studentsById = new Map(students.map((s) => [s.studentId, s]));
  // One ticket per student for the whole round: a single lottery, drawn once, not per slot.
  const tickets = lotteryTickets(
    seed,
    students.map((s) => s.studentId),
  );
  const applicantsBySlot = groupBy(preferences, (p) => p.slotId);
  const rankingBySlot = groupBy(rankings, (r) => r.slotId);

  return {
    students: studentLists(preferences),
    slots: slots.map((slot) => {
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
    `SELECT student_id AS "studentId", slot_id AS "slotId" FROM preferences
     WHERE round_id = $1 ${onlySlots('slot_id')} ORDER BY student_id, rank`,
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
    .map(([id, rows]) => ({ id, preferences: rows.map((row) => row.slotId) }))
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
