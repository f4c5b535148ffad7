/**
 * Every stable matching of a tiny instance, by enumerating all matchings: the reference
 * the engine's optimality is checked against.
 */
import { Assignments, MatchingInstance } from '../instance';
import { findAssignmentViolations, findBlockingPairs } from '../stability';

export function allStableMatchings(instance: MatchingInstance): Assignments[] {
  return allMatchings(instance).filter(
    (assignments) =>
      findAssignmentViolations(instance, assignments).length === 0 &&
      findBlockingPairs(instance, assignments).length === 0,
  );
}

/** Every assignment of each student to nothing or to a slot it lists (capacities unchecked). */
function allMatchings(instance: MatchingInstance): Assignments[] {
  let partial: Record<string, string | null>[] = [{}];
  for (const student of instance.students) {
    const options = [null, ...student.preferences];
    partial = partial.flatMap((assignments) =>
      options.map((slot) => ({ ...assignments, [student.id]: slot })),
    );
  }
  return partial;
}

/** Position of a student's slot in its own list; unmatched ranks below every slot. */
export function studentRankOf(
  instance: MatchingInstance,
  student: string,
  slot: string | null,
): number {
  const preferences = instance.students.find((entry) => entry.id === student)?.preferences ?? [];
  return slot === null ? Number.POSITIVE_INFINITY : preferences.indexOf(slot);
}

/** The slot's ranks of the students it holds, best first. */
export function slotHolderRanks(
  instance: MatchingInstance,
  assignments: Assignments,
  slot: string,
): number[] {
  const preferences = instance.slots.find((entry) => entry.id === slot)?.preferences ?? [];
  return Object.keys(assignments)
    .filter((student) => assignments[student] === slot)
    .map((student) => preferences.indexOf(student))
    .sort((a, b) => a - b);
}
