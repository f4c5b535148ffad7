/**
 * The seats of every slot as one flat array of bounded max-heaps keyed by the slot's rank of
 * the holder, so the slot's worst holder (the one a better proposer displaces) is always at
 * the root. Two Int32Arrays hold all slots: no per-slot allocation, no objects.
 */
import { Market } from './market';

export class SeatHeaps {
  /** Heap of slot c occupies start[c] .. start[c] + limit[c] - 1. */
  private readonly start: Int32Array;
  readonly size: Int32Array;
  /** Seats that can ever be taken: capacity, but never more than the slot's list. */
  readonly limit: Int32Array;
  /** The slot's rank of each holder: the heap key, largest (worst) at the root. */
  private readonly rank: Int32Array;
  private readonly holder: Int32Array;

  constructor(market: Market) {
    const slotCount = market.slotIds.length;
    this.start = new Int32Array(slotCount + 1);
    this.size = new Int32Array(slotCount);
    this.limit = new Int32Array(slotCount);
    const offsets = market.slots.offsets;
    for (let slot = 0; slot < slotCount; slot++) {
      this.limit[slot] = Math.min(market.capacities[slot], offsets[slot + 1] - offsets[slot]);
      this.start[slot + 1] = this.start[slot] + this.limit[slot];
    }
    this.rank = new Int32Array(this.start[slotCount]);
    this.holder = new Int32Array(this.start[slotCount]);
  }

  isFull(slot: number): boolean {
    return this.size[slot] === this.limit[slot];
  }

  /** The slot's rank of its worst holder; only meaningful when the slot holds someone. */
  worstRank(slot: number): number {
    return this.rank[this.start[slot]];
  }

  worstHolder(slot: number): number {
    return this.holder[this.start[slot]];
  }

  /** Adds a holder to a slot that is not full. */
  add(slot: number, student: number, rank: number): void {
    const base = this.start[slot];
    let child = this.size[slot]++;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      if (this.rank[base + parent] >= rank) break;
      this.rank[base + child] = this.rank[base + parent];
      this.holder[base + child] = this.holder[base + parent];
      child = parent;
    }
    this.rank[base + child] = rank;
    this.holder[base + child] = student;
  }

  /** Puts a better-ranked student in place of the worst holder (the caller saved it). */
  replaceWorst(slot: number, student: number, rank: number): void {
    const base = this.start[slot];
    const size = this.size[slot];
    let parent = 0;
    for (;;) {
      let child = 2 * parent + 1;
      if (child >= size) break;
      if (child + 1 < size && this.rank[base + child + 1] > this.rank[base + child]) child++;
      if (this.rank[base + child] <= rank) break;
      this.rank[base + parent] = this.rank[base + child];
      this.holder[base + parent] = this.holder[base + child];
      parent = child;
    }
    this.rank[base + parent] = rank;
    this.holder[base + parent] = student;
  }
}
