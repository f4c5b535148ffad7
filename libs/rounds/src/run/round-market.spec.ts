import { findBlockingPairs, matchInstance } from '@app/matching';
import fc from 'fast-check';
import { assembleRoundInstance, PreferenceRow, RoundInstanceInput } from './round-market';

const slot = (slotId: string, seats = 1) => ({
  slotId,
  seats,
  programmeIds: [],
  skills: [],
  language: null,
  focusArea: 'green-transition',
});
const student = (studentId: string) => ({
  studentId,
  programmeId: 'p',
  skills: [],
  languages: ['da'],
  interests: [],
});

/** Random rounds: each student lists some slots in some order, some pairs left out. */
const rounds = fc
  .record({
    slots: fc.integer({ min: 1, max: 5 }),
    students: fc.integer({ min: 1, max: 8 }),
    seed: fc.string({ maxLength: 8 }),
  })
  .chain(({ slots, students, seed }) => {
    const slotIds = Array.from({ length: slots }, (_, i) => `slot-${i}`);
    const studentIds = Array.from({ length: students }, (_, i) => `student-${i}`);
    return fc.record({
      seed: fc.constant(seed),
      slots: fc.constant(slotIds.map((id, i) => slot(id, 1 + (i % 2)))),
      lists: fc.tuple(
        ...studentIds.map((studentId) =>
          fc
            .shuffledSubarray(slotIds, { minLength: 1 })
            .chain((listed) =>
              fc.tuple(
                ...listed.map((slotId) =>
                  fc.boolean().map((kept) => ({ studentId, slotId, kept })),
                ),
              ),
            ),
        ),
      ),
      hostRanks: fc.shuffledSubarray(studentIds),
    });
  })
  .map(({ seed, slots, lists, hostRanks }): RoundInstanceInput => {
    const preferences: PreferenceRow[] = lists.flat();
    const keptStudents = new Set(preferences.filter((p) => p.kept).map((p) => p.studentId));
    // Each host ranks, in one order, every student who listed its slot, kept or not.
    const rankings = slots.flatMap((s) =>
      hostRanks
        .filter((id) => preferences.some((p) => p.studentId === id && p.slotId === s.slotId))
        .map((studentId) => ({ slotId: s.slotId, studentId })),
    );
    return {
      seed,
      slots,
      preferences,
      students: [...keptStudents].sort().map(student),
      rankings,
    };
  });

describe('assembleRoundInstance', () => {
  it('leaves a pair that is not kept out of the student’s list and the slot’s order', () => {
    const instance = assembleRoundInstance({
      seed: 'seed',
      slots: [slot('a'), slot('b')],
      preferences: [
        { studentId: 's1', slotId: 'a', kept: false },
        { studentId: 's1', slotId: 'b', kept: true },
        { studentId: 's2', slotId: 'a', kept: true },
      ],
      students: [student('s1'), student('s2')],
      rankings: [
        { slotId: 'a', studentId: 's1' },
        { slotId: 'a', studentId: 's2' },
      ],
    });
    expect(instance.students).toEqual([
      { id: 's1', preferences: ['b'] },
      { id: 's2', preferences: ['a'] },
    ]);
    expect(instance.slots).toEqual([
      { id: 'a', capacity: 1, preferences: ['s2'] },
      { id: 'b', capacity: 1, preferences: ['s1'] },
    ]);
  });

  it('keeps a student whose every pair is left out, with an empty list, so they count as unplaced', () => {
    const instance = assembleRoundInstance({
      seed: 'seed',
      slots: [slot('a')],
      preferences: [{ studentId: 's1', slotId: 'a', kept: false }],
      students: [],
      rankings: [{ slotId: 'a', studentId: 's1' }],
    });
    expect(instance.students).toEqual([{ id: 's1', preferences: [] }]);
    expect(instance.slots[0].preferences).toEqual([]);
  });

  it('has exactly the kept pairs on both sides, in the student’s order, for any round', () => {
    fc.assert(
      fc.property(rounds, (input) => {
        const instance = assembleRoundInstance(input);
        const kept = input.preferences.filter((p) => p.kept);
        const listed = new Set(input.preferences.map((p) => p.studentId));
        expect(instance.students.map((s) => s.id).sort()).toEqual([...listed].sort());
        for (const s of instance.students) {
          expect(s.preferences).toEqual(
            kept.filter((p) => p.studentId === s.id).map((p) => p.slotId),
          );
        }
        for (const sl of instance.slots) {
          expect([...sl.preferences].sort()).toEqual(
            kept
              .filter((p) => p.slotId === sl.id)
              .map((p) => p.studentId)
              .sort(),
          );
        }
      }),
    );
  });

  it('never places a student on a slot whose pair is left out, and the matching stays stable', () => {
    fc.assert(
      fc.property(rounds, (input) => {
        const instance = assembleRoundInstance(input);
        const { assignments } = matchInstance(instance, { proposer: 'students' });
        const dropped = new Set(
          input.preferences.filter((p) => !p.kept).map((p) => `${p.studentId}:${p.slotId}`),
        );
        for (const [studentId, slotId] of Object.entries(assignments)) {
          if (slotId !== null) expect(dropped.has(`${studentId}:${slotId}`)).toBe(false);
        }
        expect(findBlockingPairs(instance, assignments)).toEqual([]);
      }),
    );
  });
});
