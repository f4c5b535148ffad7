import { lotteryTickets, rankByScore } from '@app/matching';
import fc from 'fast-check';
import { orderApplicants } from './slot-ordering';

const applicant = (studentId: string, total: number) => ({
  studentId,
  score: { programme: 0, skills: 0, language: 0, interests: 0, total },
});
const ticketsFor = (seed: string, ids: string[]) => lotteryTickets(seed, ids);

describe('orderApplicants', () => {
  const applicants = [applicant('a', 1), applicant('b', 5), applicant('c', 3), applicant('d', 3)];
  const ids = applicants.map((a) => a.studentId);

  it('puts the host ranking first, then the rest by score', () => {
    const order = orderApplicants(applicants, ['a'], ticketsFor('seed', ids));
    expect(order[0]).toBe('a');
    expect(order[1]).toBe('b');
    expect(new Set(order.slice(2))).toEqual(new Set(['c', 'd']));
  });

  it('breaks equal scores by the seeded lottery, the same way every time', () => {
    const tickets = ticketsFor('round-seed', ids);
    const once = orderApplicants(applicants, [], tickets);
    expect(orderApplicants([...applicants].reverse(), [], tickets)).toEqual(once);
  });

  it('lets the seed decide ties and nothing else', () => {
    const orders = new Set(
      Array.from({ length: 20 }, (_, i) =>
        orderApplicants(applicants, [], ticketsFor(`seed-${i}`, ids)).join(),
      ),
    );
    expect([...orders].every((order) => order.startsWith('b,') && order.endsWith(',a'))).toBe(true);
    expect(orders.size).toBe(2); // c before d, or d before c
  });

  it('orders exactly as rankByScore does with the same seed', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { maxLength: 30 }),
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 30, maxLength: 30 }),
        fc.string(),
        (studentIds, scores, seed) => {
          const items = studentIds.map((id, i) => applicant(id, scores[i]));
          const expected = rankByScore(
            items.map((item) => ({ id: item.studentId, score: item.score.total })),
            seed,
          ).map((item) => item.id);
          expect(orderApplicants(items, [], ticketsFor(seed, studentIds))).toEqual(expected);
        },
      ),
    );
  });
});
