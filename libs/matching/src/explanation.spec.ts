import fc from 'fast-check';
import { explainMatching } from './explanation';
import { Assignments, MatchingInstance, Proposer } from './instance';
import { InvalidMatchingError } from './invalid-matching.error';
import { matchInstance } from './match-instance';
import { aSlot, aStudent, anInstance } from './testing/instance-factories';
import { instanceArbitrary } from './testing/random-instances';

// The worked example of the published hr-readme case.
const readme = anInstance(
  [
    aStudent('A', ['C']),
    aStudent('S', ['C', 'M']),
    aStudent('D', ['C', 'M', 'G']),
    aStudent('J', ['C', 'G', 'M']),
    aStudent('L', ['M', 'C', 'G']),
  ],
  [
    aSlot('M', 2, ['D', 'L', 'S', 'J']),
    aSlot('C', 2, ['D', 'A', 'S', 'L', 'J']),
    aSlot('G', 2, ['D', 'J', 'L']),
  ],
);

function explanationError(
  instance: MatchingInstance,
  assignments: Assignments,
): InvalidMatchingError {
  try {
    explainMatching(instance, assignments);
  } catch (error) {
    if (error instanceof InvalidMatchingError) return error;
    throw error;
  }
  throw new Error('the matching was explained');
}

describe('explainMatching', () => {
  it('gives each slot its cutoff and each student why better slots went to others', () => {
    const { assignments } = matchInstance(readme);

    const explanation = explainMatching(readme, assignments);

    expect(explanation.cutoffs).toEqual({ M: 3, C: 2, G: 'not full' });
    expect(explanation.explanations).toEqual({
      A: [],
      S: [{ slot: 'C', reason: 'full', cutoff: 2, rankAtSlot: 3 }],
      D: [],
      J: [{ slot: 'C', reason: 'full', cutoff: 2, rankAtSlot: 5 }],
      L: [],
    });
  });

  it('says a slot that did not list the student was not acceptable', () => {
    const instance = anInstance(
      [aStudent('s1', ['c1', 'c2'])],
      [aSlot('c1', 1, []), aSlot('c2', 1, ['s1'])],
    );

    const explanation = explainMatching(instance, { s1: 'c2' });

    expect(explanation.explanations['s1']).toEqual([{ slot: 'c1', reason: 'not_acceptable' }]);
  });

  it('explains every listed slot to an unmatched student', () => {
    const instance = anInstance(
      [aStudent('s1', ['c1']), aStudent('s2', ['c1'])],
      [aSlot('c1', 1, ['s2', 's1'])],
    );

    expect(explainMatching(instance, { s1: null, s2: 'c1' }).explanations['s1']).toEqual([
      { slot: 'c1', reason: 'full', cutoff: 1, rankAtSlot: 2 },
    ]);
  });

  it('refuses to explain an unstable matching', () => {
    const error = explanationError(readme, { A: null, S: 'M', D: 'C', J: 'G', L: 'M' });

    expect(error).toMatchObject({ rule: 'blocking_pair', studentId: 'A', slotId: 'C' });
  });

  it.each<[string, Assignments, string]>([
    ['an unknown student', { A: 'C', S: 'M', D: 'C', J: 'G', L: 'M', X: null }, 'unknown_student'],
    ['a missing student', { A: 'C', S: 'M', D: 'C', J: 'G' }, 'missing_student'],
    ['an unknown slot', { A: 'C', S: 'M', D: 'C', J: 'Z', L: 'M' }, 'unknown_slot'],
    [
      'a pair not both listed',
      { A: 'G', S: 'M', D: 'C', J: 'G', L: 'M' },
      'not_mutually_acceptable',
    ],
    ['a slot over capacity', { A: 'C', S: 'C', D: 'C', J: 'G', L: 'M' }, 'over_capacity'],
  ])('refuses %s', (_, assignments, rule) => {
    expect(explanationError(readme, assignments).rule).toBe(rule);
  });

  it.each<Proposer>(['students', 'slots'])(
    'is consistent with the matching for random instances (%s propose)',
    (proposer) => {
      fc.assert(
        fc.property(instanceArbitrary(), (instance) => {
          const { assignments } = matchInstance(instance, { proposer });
          const explanation = explainMatching(instance, assignments);
          for (const slot of instance.slots) {
            expect(explanation.cutoffs[slot.id]).toEqual(
              expectedCutoff(instance, assignments, slot.id),
            );
          }
          for (const student of instance.students) {
            const held = assignments[student.id];
            const better = student.preferences.slice(
              0,
              held === null ? undefined : student.preferences.indexOf(held),
            );
            const missed = explanation.explanations[student.id];
            expect(missed.map((entry) => entry.slot)).toEqual(better);
            for (const entry of missed) {
              const slot = instance.slots.find((candidate) => candidate.id === entry.slot);
              const rank = slot?.preferences.indexOf(student.id) ?? -1;
              if (entry.reason === 'not_acceptable') {
                expect(rank).toBe(-1);
              } else {
                // Full, and with students it ranks above this one only.
                expect(holders(assignments, entry.slot)).toHaveLength(slot?.capacity ?? -1);
                expect(entry.rankAtSlot).toBe(rank + 1);
                expect(entry.cutoff).toBeLessThan(entry.rankAtSlot);
                expect(entry.cutoff).toBe(expectedCutoff(instance, assignments, entry.slot));
              }
            }
          }
        }),
        { numRuns: 300 },
      );
    },
  );
});

function holders(assignments: Assignments, slot: string): string[] {
  return Object.keys(assignments).filter((student) => assignments[student] === slot);
}

function expectedCutoff(instance: MatchingInstance, assignments: Assignments, slotId: string) {
  const slot = instance.slots.find((candidate) => candidate.id === slotId);
  const taken = holders(assignments, slotId);
  if (slot === undefined || taken.length < slot.capacity) return 'not full';
  return Math.max(...taken.map((student) => slot.preferences.indexOf(student) + 1));
}
