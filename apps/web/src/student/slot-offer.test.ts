import { describe, expect, it } from 'vitest';
import type { Slot } from '../api/types';
import { OpenRoundSlots, rankable, slotOffer } from './slot-offer';

const slot = (id: string, eligible?: boolean) => ({ id, eligible }) as Slot;
const round = (overrides: Partial<OpenRoundSlots> = {}): OpenRoundSlots => ({
  seats: new Map([
    ['in', 2],
    ['ranked', 1],
  ]),
  ranked: new Set(['ranked']),
  listFull: false,
  ...overrides,
});

describe('what the slot list offers a student', () => {
  it('offers "add", with the seats, only for a slot of the open round', () => {
    expect(slotOffer(slot('in', true), round())).toEqual({ kind: 'add', seats: 2 });
  });

  it('says a slot the round did not take is not in the round, even when eligible, and why', () => {
    expect(slotOffer(slot('later', true), round())).toEqual({
      kind: 'notInRound',
      reason: undefined,
    });
    const leftOut = new Map([['full', 'no_free_seats' as const]]);
    expect(slotOffer(slot('full', true), round({ leftOut }))).toEqual({
      kind: 'notInRound',
      reason: 'no_free_seats',
    });
  });

  it('gives the eligibility reasons first for a slot the student may not take', () => {
    expect(slotOffer(slot('in', false), round())).toEqual({ kind: 'notEligible' });
    expect(slotOffer(slot('later', false), round())).toEqual({ kind: 'notEligible' });
  });

  it('shows a slot already on the list as such, and a full list as full', () => {
    expect(slotOffer(slot('ranked', true), round())).toEqual({ kind: 'inRanking', seats: 1 });
    expect(slotOffer(slot('in', true), round({ listFull: true }))).toEqual({
      kind: 'listFull',
      seats: 2,
    });
  });

  it('offers nothing while no round is open', () => {
    expect(slotOffer(slot('in', true), undefined)).toEqual({ kind: 'noRound' });
  });

  it('counts as rankable only what the round took and the student may take', () => {
    const kinds = ['in', 'ranked', 'later'].map((id) => rankable(slotOffer(slot(id), round())));
    expect(kinds).toEqual([true, true, false]);
    expect(rankable(slotOffer(slot('in', false), round()))).toBe(false);
  });
});
