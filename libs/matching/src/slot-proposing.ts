/**
 * Slot-proposing deferred acceptance: each slot offers its free seats down its list, each
 * student keeps the best offer so far. Gives the slot-optimal stable matching.
 */
import { Market } from './market';
import { MatchOutcome } from './match-outcome';

export function proposeAsSlots(market: Market): MatchOutcome {
  const { offsets, listed, rankThere } = market.slots;
  const studentOffsets = market.students.offsets;
  const studentListed = market.students.listed;
  const slotCount = market.slotIds.length;
  const nextEntry = offsets.slice(0, slotCount);
  const freeSeats = new Int32Array(slotCount);
  for (let slot = 0; slot < slotCount; slot++) {
    freeSeats[slot] = Math.min(market.capacities[slot], offsets[slot + 1] - offsets[slot]);
  }
  // Entries of the same student's list compare like the student's ranks of the slots.
  const studentEntry = new Int32Array(market.studentIds.length).fill(-1);
  const waiting = new Int32Array(slotCount);
  const isWaiting = new Uint8Array(slotCount).fill(1);
  let waitingCount = 0;
  for (let slot = slotCount - 1; slot >= 0; slot--) waiting[waitingCount++] = slot;
  let proposals = 0;

  while (waitingCount > 0) {
    const slot = waiting[--waitingCount];
    isWaiting[slot] = 0;
    const end = offsets[slot + 1];
    while (freeSeats[slot] > 0 && nextEntry[slot] < end) {
      const entry = nextEntry[slot]++;
      const rank = rankThere[entry];
      if (rank < 0) continue; // the student does not list this slot: not a proposal
      proposals++;
      const student = listed[entry];
      const offered = studentOffsets[student] + rank;
      const held = studentEntry[student];
      if (held >= 0 && held < offered) continue; // the student keeps a slot it prefers
      studentEntry[student] = offered;
      freeSeats[slot]--;
      if (held < 0) continue;
      const released = studentListed[held];
      freeSeats[released]++;
      if (isWaiting[released] === 0) {
        isWaiting[released] = 1;
        waiting[waitingCount++] = released;
      }
    }
  }
  return { proposer: 'slots', studentEntry, proposals };
}
