import { orderApplicants } from './slot-ordering';

const applicant = (studentId: string, total: number) => ({
  studentId,
  score: { programme: 0, skills: 0, language: 0, interests: 0, total },
});

describe('orderApplicants', () => {
  const applicants = [applicant('a', 1), applicant('b', 5), applicant('c', 3), applicant('d', 3)];

  it('puts the host ranking first, then the rest by score', () => {
    const order = orderApplicants(applicants, ['a'], 'seed');
    expect(order[0]).toBe('a');
    expect(order[1]).toBe('b');
    expect(new Set(order.slice(2))).toEqual(new Set(['c', 'd']));
  });

  it('breaks equal scores by the seeded lottery, the same way every time', () => {
    const once = orderApplicants(applicants, [], 'round-seed');
    expect(orderApplicants([...applicants].reverse(), [], 'round-seed')).toEqual(once);
  });

  it('lets the seed decide ties and nothing else', () => {
    const orders = new Set(
      Array.from({ length: 20 }, (_, i) => orderApplicants(applicants, [], `seed-${i}`).join()),
    );
    expect([...orders].every((order) => order.startsWith('b,') && order.endsWith(',a'))).toBe(true);
    expect(orders.size).toBe(2); // c before d, or d before c
  });
});
