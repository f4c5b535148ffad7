import fc from 'fast-check';
import { runDeferredAcceptance } from './deferred-acceptance';
import { explainOutcome } from './explanation';
import { compileMarket } from './market-compiler';
import { matchingStats } from './match-instance';
import { formatResultJson } from './result-json';
import { aSlot, aStudent, anInstance } from './testing/instance-factories';
import { instanceArbitrary } from './testing/random-instances';

const instance = anInstance(
  [aStudent('s2', ['c1']), aStudent('s1', ['c1', 'c2']), aStudent('s3', ['c2'])],
  [aSlot('c1', 1, ['s1', 's2']), aSlot('c2', 1, ['s3', 's1'])],
);

function formatted(explain: boolean): string {
  const market = compileMarket(instance);
  const outcome = runDeferredAcceptance(market, 'students');
  const stats = matchingStats(market, outcome, 0.25);
  return formatResultJson(market, outcome, stats, { explain });
}

describe('formatResultJson', () => {
  it('writes one line per field and per student, in instance order', () => {
    expect(formatted(false)).toBe(
      [
        '{',
        '  "proposer": "students",',
        '  "assignments": {',
        '    "s2": null,',
        '    "s1": "c1",',
        '    "s3": "c2"',
        '  },',
        '  "stats": {"students":3,"slots":2,"matched":2,"proposals":3,"elapsedMs":0.25}',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('adds cutoffs and explanations when asked', () => {
    expect(JSON.parse(formatted(true))).toEqual({
      proposer: 'students',
      assignments: { s2: null, s1: 'c1', s3: 'c2' },
      stats: { students: 3, slots: 2, matched: 2, proposals: 3, elapsedMs: 0.25 },
      cutoffs: { c1: 1, c2: 1 },
      explanations: {
        s2: [{ slot: 'c1', reason: 'full', cutoff: 1, rankAtSlot: 2 }],
        s1: [],
        s3: [],
      },
    });
  });

  it('keeps instance order for ids that look like integers, which objects would sort', () => {
    const numeric = compileMarket(anInstance([aStudent('10', []), aStudent('2', [])], []));
    const outcome = runDeferredAcceptance(numeric, 'students');

    const text = formatResultJson(numeric, outcome, matchingStats(numeric, outcome, 0));

    expect(text.indexOf('"10"')).toBeLessThan(text.indexOf('"2"'));
  });

  it('writes valid JSON for an empty instance, explanations included', () => {
    const empty = compileMarket(anInstance([], []));
    const outcome = runDeferredAcceptance(empty, 'slots');

    const text = formatResultJson(empty, outcome, matchingStats(empty, outcome, 0), {
      explain: true,
    });

    expect(JSON.parse(text)).toMatchObject({ assignments: {}, cutoffs: {}, explanations: {} });
  });

  it('escapes ids that JSON must escape', () => {
    const odd = compileMarket(
      anInstance([aStudent('a "quoted"\nid', ['c\\1'])], [aSlot('c\\1', 1, ['a "quoted"\nid'])]),
    );
    const outcome = runDeferredAcceptance(odd, 'students');

    const text = formatResultJson(odd, outcome, matchingStats(odd, outcome, 0));

    expect(JSON.parse(text).assignments).toEqual({ 'a "quoted"\nid': 'c\\1' });
  });

  it('writes the same cutoffs and explanations as explainOutcome, for random instances', () => {
    fc.assert(
      fc.property(instanceArbitrary(), fc.constantFrom('students', 'slots'), (random, proposer) => {
        const market = compileMarket(random);
        const outcome = runDeferredAcceptance(market, proposer);

        const text = formatResultJson(market, outcome, matchingStats(market, outcome, 0), {
          explain: true,
        });

        const { cutoffs, explanations } = JSON.parse(text);
        expect({ cutoffs, explanations }).toEqual(explainOutcome(market, outcome));
      }),
      { numRuns: 200 },
    );
  });
});
