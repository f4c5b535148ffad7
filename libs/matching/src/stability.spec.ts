import { findAssignmentViolations, findBlockingPairs } from './stability';
import { aSlot, aStudent, anInstance } from './testing/instance-factories';

const instance = anInstance(
  [aStudent('s1', ['c1', 'c2']), aStudent('s2', ['c1']), aStudent('s3', ['c2'])],
  [aSlot('c1', 1, ['s1', 's2']), aSlot('c2', 2, ['s3', 's1'])],
);

describe('findBlockingPairs', () => {
  it('finds none in the stable matching', () => {
    expect(findBlockingPairs(instance, { s1: 'c1', s2: null, s3: 'c2' })).toEqual([]);
  });

  it('finds a slot that prefers a student to the one it holds', () => {
    expect(findBlockingPairs(instance, { s1: 'c2', s2: 'c1', s3: 'c2' })).toEqual([
      { student: 's1', slot: 'c1' },
    ]);
  });

  it('finds a slot with a free seat and a student who wants it', () => {
    expect(findBlockingPairs(instance, { s1: 'c1', s2: null, s3: null })).toEqual([
      { student: 's3', slot: 'c2' },
    ]);
  });

  it('lists every blocking pair, students in instance order', () => {
    expect(findBlockingPairs(instance, { s1: null, s2: null, s3: null })).toEqual([
      { student: 's1', slot: 'c1' },
      { student: 's1', slot: 'c2' },
      { student: 's2', slot: 'c1' },
      { student: 's3', slot: 'c2' },
    ]);
  });

  it('ignores pairs that only one side listed', () => {
    const oneSided = anInstance([aStudent('s1', ['c1'])], [aSlot('c1', 1, [])]);

    expect(findBlockingPairs(oneSided, { s1: null })).toEqual([]);
  });
});

describe('findAssignmentViolations', () => {
  it('accepts a matching of the instance', () => {
    expect(findAssignmentViolations(instance, { s1: 'c2', s2: 'c1', s3: 'c2' })).toEqual([]);
  });

  it('reports seats beyond capacity, pairs not both listed, unknown and missing ids', () => {
    const violations = findAssignmentViolations(instance, {
      s1: 'c1',
      s2: 'c1',
      s3: 'c9',
      s4: null,
    });

    expect(violations).toEqual([
      { rule: 'unknown_student', student: 's4', slot: null },
      { rule: 'over_capacity', student: 's2', slot: 'c1' },
      { rule: 'unknown_slot', student: 's3', slot: 'c9' },
    ]);
    expect(findAssignmentViolations(instance, { s1: 'c1', s2: null })).toEqual([
      { rule: 'missing_student', student: 's3', slot: null },
    ]);
    expect(findAssignmentViolations(instance, { s1: null, s2: 'c2', s3: null })).toEqual([
      { rule: 'not_mutually_acceptable', student: 's2', slot: 'c2' },
    ]);
  });
});
