/**
 * The stability check stored with every run. It works on ids with Maps and shares no code
 * with the engine or its compiled market, so a bug in one is not mirrored in the other.
 */
import { Assignments, MatchingInstance, StudentPreferences } from './instance';

/** A student and a slot that both prefer each other to what the matching gave them. */
export interface BlockingPair {
  readonly student: string;
  readonly slot: string;
}

export type AssignmentViolationRule =
  | 'unknown_student'
  | 'missing_student'
  | 'unknown_slot'
  | 'not_mutually_acceptable'
  | 'over_capacity';

export interface AssignmentViolation {
  readonly rule: AssignmentViolationRule;
  readonly student: string;
  readonly slot: string | null;
}

/**
 * Every blocking pair, students in instance order and each student's slots in preference
 * order. A pair blocks when both list each other, the student is unmatched or ranks the
 * slot above its own, and the slot has a free seat or ranks the student above the worst
 * student it took. Students missing from the assignments count as unmatched.
 */
export function findBlockingPairs(
  instance: MatchingInstance,
  assignments: Assignments,
): BlockingPair[] {
  const rankAtSlot = slotRankMaps(instance);
  const taken = takenSeatsById(instance, assignments, rankAtSlot);
  const capacity = new Map(instance.slots.map((slot) => [slot.id, slot.capacity]));
  const pairs: BlockingPair[] = [];
  for (const student of instance.students) {
    const held = assignedSlot(assignments, student.id);
    for (const slot of student.preferences) {
      if (slot === held) break;
      const rank = rankAtSlot.get(slot)?.get(student.id);
      if (rank === undefined) continue;
      const seats = taken.get(slot) ?? { filled: 0, worstRank: -1 };
      const hasRoom = seats.filled < (capacity.get(slot) ?? 0);
      if (hasRoom || rank < seats.worstRank) pairs.push({ student: student.id, slot });
    }
  }
  return pairs;
}

/** Whatever makes the assignments something other than a matching of this instance. */
export function findAssignmentViolations(
  instance: MatchingInstance,
  assignments: Assignments,
): AssignmentViolation[] {
  const rankAtSlot = slotRankMaps(instance);
  const capacity = new Map(instance.slots.map((slot) => [slot.id, slot.capacity]));
  const studentIds = new Set(instance.students.map((student) => student.id));
  const violations: AssignmentViolation[] = Object.keys(assignments)
    .filter((student) => !studentIds.has(student))
    .map((student) => ({ rule: 'unknown_student', student, slot: assignments[student] }));
  const filled = new Map<string, number>();
  for (const student of instance.students) {
    if (!Object.hasOwn(assignments, student.id)) {
      violations.push({ rule: 'missing_student', student: student.id, slot: null });
      continue;
    }
    const slot = assignments[student.id];
    if (slot === null) continue;
    const rule = seatViolation(student, slot, rankAtSlot.get(slot), capacity, filled);
    if (rule !== null) violations.push({ rule, student: student.id, slot });
  }
  return violations;
}

/** Counts the seat in filled when the student may hold it at all. */
function seatViolation(
  student: StudentPreferences,
  slot: string,
  slotRanks: ReadonlyMap<string, number> | undefined,
  capacity: ReadonlyMap<string, number>,
  filled: Map<string, number>,
): AssignmentViolationRule | null {
  if (slotRanks === undefined) return 'unknown_slot';
  if (!slotRanks.has(student.id) || !student.preferences.includes(slot)) {
    return 'not_mutually_acceptable';
  }
  const count = (filled.get(slot) ?? 0) + 1;
  filled.set(slot, count);
  return count > (capacity.get(slot) ?? 0) ? 'over_capacity' : null;
}

function slotRankMaps(instance: MatchingInstance): Map<string, Map<string, number>> {
  return new Map(
    instance.slots.map((slot) => [
      slot.id,
      new Map(slot.preferences.map((student, rank) => [student, rank])),
    ]),
  );
}

function assignedSlot(assignments: Assignments, student: string): string | null {
  return Object.hasOwn(assignments, student) ? assignments[student] : null;
}

interface SeatsById {
  readonly filled: number;
  readonly worstRank: number;
}

function takenSeatsById(
  instance: MatchingInstance,
  assignments: Assignments,
  rankAtSlot: ReadonlyMap<string, ReadonlyMap<string, number>>,
): Map<string, SeatsById> {
  const taken = new Map<string, SeatsById>();
  for (const student of instance.students) {
    const slot = assignedSlot(assignments, student.id);
    if (slot === null) continue;
    const seats = taken.get(slot) ?? { filled: 0, worstRank: -1 };
    // A student the slot does not list counts as its worst, which only makes pairs block.
    const rank = rankAtSlot.get(slot)?.get(student.id) ?? Number.MAX_SAFE_INTEGER;
    taken.set(slot, { filled: seats.filled + 1, worstRank: Math.max(seats.worstRank, rank) });
  }
  return taken;
}
