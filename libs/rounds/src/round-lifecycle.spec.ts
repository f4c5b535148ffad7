import { breaksOneOpenRound, ONE_OPEN_ROUND_INDEX } from './round-lifecycle';

describe('breaksOneOpenRound', () => {
  it('knows the unique violation of the one-open-round index', () => {
    const error = { driverError: { code: '23505', constraint: ONE_OPEN_ROUND_INDEX } };
    expect(breaksOneOpenRound(error)).toBe(true);
  });

  it('leaves other failures alone', () => {
    expect(breaksOneOpenRound({ driverError: { code: '23505', constraint: 'other' } })).toBe(false);
    expect(breaksOneOpenRound({ driverError: { code: '23514' } })).toBe(false);
    expect(breaksOneOpenRound(new Error('boom'))).toBe(false);
    expect(breaksOneOpenRound(undefined)).toBe(false);
  });
});
