/**
 * fast-check arbitraries for random instances: random subsets in random order on both
 * sides, so one-sided entries, empty lists and unmatched students all occur often.
 */
import fc from 'fast-check';
import { MatchingInstance } from '../instance';

export interface InstanceSize {
  readonly maxStudents: number;
  readonly maxSlots: number;
  readonly maxCapacity: number;
}

export const SMALL: InstanceSize = { maxStudents: 9, maxSlots: 6, maxCapacity: 3 };
/** Small enough to enumerate every matching. */
export const TINY: InstanceSize = { maxStudents: 4, maxSlots: 3, maxCapacity: 2 };

export function instanceArbitrary(size: InstanceSize = SMALL): fc.Arbitrary<MatchingInstance> {
  return fc
    .record({
      students: fc.integer({ min: 0, max: size.maxStudents }),
      slots: fc.integer({ min: 0, max: size.maxSlots }),
    })
    .chain(({ students, slots }) => {
      const studentIds = Array.from({ length: students }, (_, i) => `s${i}`);
      const slotIds = Array.from({ length: slots }, (_, i) => `c${i}`);
      return fc.record({
        students: fc.tuple(...studentIds.map((id) => entryOf(id, slotIds))),
        slots: fc.tuple(
          ...slotIds.map((id) =>
            fc.record({
              id: fc.constant(id),
              capacity: fc.integer({ min: 1, max: size.maxCapacity }),
              preferences: orderedSubset(studentIds),
            }),
          ),
        ),
      });
    });
}

function entryOf(id: string, others: string[]) {
  return fc.record({ id: fc.constant(id), preferences: orderedSubset(others) });
}

/** A random subset of the ids, in random order. */
export function orderedSubset(ids: readonly string[]): fc.Arbitrary<string[]> {
  return fc.shuffledSubarray([...ids]);
}
