import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { lotteryOrder, lotteryTicket, rankByScore } from './lottery';

// The test vector of docs/MATCHING.md; any SHA-256 (sha256sum, Python's hashlib) gives it.
const SEED = 'biotekbyen-2026-autumn';
const IDS = ['s1', 's2', 's3', 's4', 's5', 'Søren'];
const ORDER = ['Søren', 's4', 's2', 's5', 's3', 's1'];

describe('lotteryTicket', () => {
  it('is SHA-256 of the seed, a zero byte and the id, in hex', () => {
    expect(lotteryTicket(SEED, 's4')).toBe(
      '333df02cfa6fb72cd2aa24d8c6a724cb1645cd5c92321816641fa1b24d69fbfc',
    );
    expect(lotteryTicket(SEED, 'Søren')).toBe(
      '1081afd85fc9e622fab63f307bbc21608b82e28b7d21e7c1eaac5b2d7cfe081a',
    );
  });

  it('hashes any seed and id as node:crypto does', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }),
        fc.string({ unit: 'binary', maxLength: 300 }),
        (seed, id) => {
          const message = Buffer.concat([Buffer.from(seed), Buffer.from([0]), Buffer.from(id)]);
          expect(lotteryTicket(seed, id)).toBe(createHash('sha256').update(message).digest('hex'));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('lotteryOrder', () => {
  it('gives the documented order for the test vector', () => {
    expect(lotteryOrder(SEED, IDS)).toEqual(ORDER);
  });

  it('does not depend on the order of the ids it is given', () => {
    const idsInTwoOrders = fc
      .uniqueArray(fc.string(), { maxLength: 20 })
      .chain((ids) =>
        fc.tuple(fc.constant(ids), fc.shuffledSubarray(ids, { minLength: ids.length })),
      );
    fc.assert(
      fc.property(idsInTwoOrders, fc.string(), ([ids, shuffled], seed) => {
        expect(lotteryOrder(seed, shuffled)).toEqual(lotteryOrder(seed, ids));
      }),
      { numRuns: 200 },
    );
  });

  it('keeps the relative order of the others when an id joins', () => {
    const withNewcomer = lotteryOrder(SEED, [...IDS, 'newcomer']);

    expect(withNewcomer.filter((id) => id !== 'newcomer')).toEqual(ORDER);
  });

  it('changes with the seed', () => {
    expect(lotteryOrder('another seed', IDS)).not.toEqual(ORDER);
  });

  it('rejects a repeated id', () => {
    expect(() => lotteryOrder(SEED, ['s1', 's1'])).toThrow(RangeError);
  });
});

describe('rankByScore', () => {
  it('puts higher scores first and breaks ties by the lottery', () => {
    const ranked = rankByScore(
      [
        { id: 's1', score: 2 },
        { id: 's2', score: 5 },
        { id: 's3', score: 2 },
        { id: 's4', score: 2 },
      ],
      SEED,
    );

    // s4, s3 and s1 tie; the test vector orders them s4, s3, s1.
    expect(ranked.map((item) => item.id)).toEqual(['s2', 's4', 's3', 's1']);
  });

  it('returns the items themselves, with their other fields', () => {
    const item = { id: 's1', score: 1, name: 'Ada' };

    expect(rankByScore([item], SEED)[0]).toBe(item);
  });

  it('rejects a score that is not a finite number', () => {
    expect(() => rankByScore([{ id: 's1', score: Number.NaN }], SEED)).toThrow(RangeError);
  });

  it('is a strict order consistent with the scores for any input order', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ id: fc.string(), score: fc.integer({ min: 0, max: 3 }) }), {
          selector: (item) => item.id,
          maxLength: 20,
        }),
        (items) => {
          const ranked = rankByScore(items, SEED);
          expect(rankByScore([...items].reverse(), SEED)).toEqual(ranked);
          for (let i = 1; i < ranked.length; i++) {
            expect(ranked[i - 1].score).toBeGreaterThanOrEqual(ranked[i].score);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
