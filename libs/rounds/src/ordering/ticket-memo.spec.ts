import { lotteryTickets } from '@app/matching';
import { TicketMemo } from './ticket-memo';

const ids = (from: number, count: number) =>
  Array.from({ length: count }, (_, n) => `student-${from + n}`);

describe('TicketMemo', () => {
  it('gives the tickets the lottery draws, for ids asked before or not', () => {
    const memo = new TicketMemo();
    expect(memo.ticketsFor('seed-a', ids(0, 5))).toEqual(lotteryTickets('seed-a', ids(0, 5)));
    expect(memo.ticketsFor('seed-a', ids(3, 5))).toEqual(lotteryTickets('seed-a', ids(3, 5)));
    expect(memo.ticketsFor('seed-b', ids(3, 5))).toEqual(lotteryTickets('seed-b', ids(3, 5)));
  });

  it('still answers rightly for many rounds, after forgetting the oldest', () => {
    const memo = new TicketMemo();
    for (let round = 0; round < 20; round++) memo.ticketsFor(`seed-${round}`, ids(0, 3));
    expect(memo.ticketsFor('seed-0', ids(0, 3))).toEqual(lotteryTickets('seed-0', ids(0, 3)));
  });

  it('refuses a repeated id as the lottery does', () => {
    expect(() => new TicketMemo().ticketsFor('seed', ['x', 'x'])).toThrow(RangeError);
  });
});
