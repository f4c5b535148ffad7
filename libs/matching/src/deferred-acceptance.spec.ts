import { Proposer } from './instance';
import { matchInstance } from './match-instance';
import { aSlot, aStudent, anInstance } from './testing/instance-factories';

describe('deferred acceptance on hand-worked instances', () => {
  it('leaves a student unmatched once every slot it listed prefers others', () => {
    const instance = anInstance(
      [aStudent('s1', ['c1']), aStudent('s2', ['c1'])],
      [aSlot('c1', 1, ['s2', 's1'])],
    );

    const result = matchInstance(instance);

    expect(result.assignments).toEqual({ s1: null, s2: 'c1' });
    expect(result.stats).toMatchObject({ students: 2, slots: 1, matched: 1, proposals: 2 });
  });

  it('lets a full slot of capacity 2 drop the student it holds when a better one proposes', () => {
    const instance = anInstance(
      [aStudent('s1', ['c1', 'c2']), aStudent('s2', ['c1']), aStudent('s3', ['c1'])],
      [aSlot('c1', 2, ['s3', 's2', 's1']), aSlot('c2', 1, ['s1'])],
    );

    const result = matchInstance(instance);

    // s1 and s2 fill c1, s3 displaces s1 (c1's worst), and s1 moves on to c2.
    expect(result.assignments).toEqual({ s1: 'c2', s2: 'c1', s3: 'c1' });
    expect(result.stats.proposals).toBe(4);
  });

  it('gives each proposing side its own optimum when the sides disagree', () => {
    const instance = anInstance(
      [aStudent('s1', ['c1', 'c2']), aStudent('s2', ['c2', 'c1'])],
      [aSlot('c1', 1, ['s2', 's1']), aSlot('c2', 1, ['s1', 's2'])],
    );

    expect(matchInstance(instance, { proposer: 'students' }).assignments).toEqual({
      s1: 'c1',
      s2: 'c2',
    });
    expect(matchInstance(instance, { proposer: 'slots' }).assignments).toEqual({
      s1: 'c2',
      s2: 'c1',
    });
  });

  it('has a slot propose again when a student it held leaves for a better offer', () => {
    const instance = anInstance(
      [aStudent('s1', ['c2', 'c1']), aStudent('s2', ['c1'])],
      [aSlot('c1', 1, ['s1', 's2']), aSlot('c2', 1, ['s1'])],
    );

    const result = matchInstance(instance, { proposer: 'slots' });

    expect(result.assignments).toEqual({ s1: 'c2', s2: 'c1' });
    expect(result.stats.proposals).toBe(3);
  });

  it.each<Proposer>(['students', 'slots'])(
    'ignores one-sided entries and does not count them as proposals (%s propose)',
    (proposer) => {
      const instance = anInstance(
        [aStudent('s1', ['c1', 'c2']), aStudent('s2', [])],
        [aSlot('c1', 1, ['s2']), aSlot('c2', 1, ['s1'])],
      );

      const result = matchInstance(instance, { proposer });

      expect(result.assignments).toEqual({ s1: 'c2', s2: null });
      expect(result.stats.proposals).toBe(1);
    },
  );

  it('fills a slot whose capacity exceeds its list with everyone it lists', () => {
    const instance = anInstance(
      [aStudent('s1', ['c1']), aStudent('s2', ['c1'])],
      [aSlot('c1', 5, ['s1', 's2'])],
    );

    expect(matchInstance(instance, { proposer: 'slots' }).assignments).toEqual({
      s1: 'c1',
      s2: 'c1',
    });
  });

  it('matches an empty instance to nothing', () => {
    const result = matchInstance(anInstance([], []));

    expect(result.assignments).toEqual({});
    expect(result.stats).toMatchObject({ students: 0, slots: 0, matched: 0, proposals: 0 });
  });

  it('defaults to student-proposing', () => {
    expect(matchInstance(anInstance([], [])).proposer).toBe('students');
  });

  it('keeps ids such as "__proto__" as ordinary keys', () => {
    const instance = anInstance([aStudent('__proto__', ['c1'])], [aSlot('c1', 1, ['__proto__'])]);

    const { assignments } = matchInstance(instance);

    expect(Object.keys(assignments)).toEqual(['__proto__']);
    expect(assignments['__proto__']).toBe('c1');
  });
});
