import type { LeftOutReason, Slot } from '../api/types';

/**
 * What the slot list offers a student for one slot. A slot can be added to the list only when
 * a round is open, the student may take the slot and the round took the slot when it opened;
 * anything else would be refused by the api (409).
 */
export type SlotOffer =
  | { kind: 'noRound' }
  | { kind: 'notEligible' }
  | { kind: 'notInRound'; reason: LeftOutReason | undefined }
  | { kind: 'inRanking'; seats: number }
  | { kind: 'listFull'; seats: number }
  | { kind: 'add'; seats: number };

export interface OpenRoundSlots {
  /** Seats per slot of the open round that the student may rank. */
  seats: ReadonlyMap<string, number>;
  ranked: ReadonlySet<string>;
  listFull: boolean;
  /** Why the round leaves out each slot the student cannot rank in it, as the api says. */
  leftOut?: ReadonlyMap<string, LeftOutReason>;
}

export function slotOffer(slot: Slot, round: OpenRoundSlots | undefined): SlotOffer {
  if (!round) return { kind: 'noRound' };
  if (slot.eligible === false) return { kind: 'notEligible' };
  const seats = round.seats.get(slot.id);
  if (seats === undefined) return { kind: 'notInRound', reason: round.leftOut?.get(slot.id) };
  if (round.ranked.has(slot.id)) return { kind: 'inRanking', seats };
  if (round.listFull) return { kind: 'listFull', seats };
  return { kind: 'add', seats };
}

/** The slot is part of the open round and open to the student: it can be on their list. */
export function rankable(
  offer: SlotOffer,
): offer is Extract<SlotOffer, { kind: 'add' | 'inRanking' | 'listFull' }> {
  return offer.kind === 'add' || offer.kind === 'inRanking' || offer.kind === 'listFull';
}
