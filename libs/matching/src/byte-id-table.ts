/**
 * An open-addressing hash table from id bytes to entry index, so the fast reader resolves a
 * preference without creating a string for it. Each table slot keeps the id's hash beside
 * its index, and the ids' bytes are copied into one compact arena: a lookup touches two
 * small arrays instead of scattered places in a large input buffer.
 */
import { OUTSIDE_FAST_PATH } from './json-bytes-scanner';

export interface ByteRanges {
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly hash: Int32Array;
}

export class ByteIdTable {
  private readonly slotIndex: Int32Array;
  private readonly slotHash: Int32Array;
  private readonly mask: number;
  private readonly arena: Uint8Array;
  /** Id i's bytes are arena[arenaOffsets[i] .. arenaOffsets[i + 1] - 1]. */
  private readonly arenaOffsets: Int32Array;

  /** Throws OUTSIDE_FAST_PATH on a repeated id: the reference path words that error. */
  readonly count: number;

  constructor(bytes: Uint8Array, ids: ByteRanges) {
    const count = ids.start.length;
    this.count = count;
    this.arenaOffsets = new Int32Array(count + 1);
    for (let index = 0; index < count; index++) {
      this.arenaOffsets[index + 1] = this.arenaOffsets[index] + ids.end[index] - ids.start[index];
    }
    this.arena = new Uint8Array(this.arenaOffsets[count]);
    for (let index = 0; index < count; index++) {
      this.arena.set(bytes.subarray(ids.start[index], ids.end[index]), this.arenaOffsets[index]);
    }
    let size = 16;
    while (size < count * 2) size *= 2;
    this.slotIndex = new Int32Array(size).fill(-1);
    this.slotHash = new Int32Array(size);
    this.mask = size - 1;
    for (let index = 0; index < count; index++) this.insert(index, ids.hash[index]);
  }

  /** Index of the id with the bytes source[start .. end - 1] and this hash, or -1. */
  find(source: Uint8Array, start: number, end: number, hash: number): number {
    let slot = hash & this.mask;
    for (;;) {
      const index = this.slotIndex[slot];
      if (index < 0) return -1;
      if (this.slotHash[slot] === hash && this.matches(index, source, start, end)) return index;
      slot = (slot + 1) & this.mask;
    }
  }

  private insert(index: number, hash: number): void {
    const start = this.arenaOffsets[index];
    const end = this.arenaOffsets[index + 1];
    if (this.find(this.arena, start, end, hash) >= 0) throw OUTSIDE_FAST_PATH;
    let slot = hash & this.mask;
    while (this.slotIndex[slot] >= 0) slot = (slot + 1) & this.mask;
    this.slotIndex[slot] = index;
    this.slotHash[slot] = hash;
  }

  private matches(index: number, source: Uint8Array, start: number, end: number): boolean {
    const from = this.arenaOffsets[index];
    if (this.arenaOffsets[index + 1] - from !== end - start) return false;
    for (let i = 0; i < end - start; i++) {
      if (this.arena[from + i] !== source[start + i]) return false;
    }
    return true;
  }
}
