/**
 * An open-addressing hash table from id bytes to entry index, so the fast reader resolves a
 * preference without creating a string for it. A table slot holds the id's hash, index,
 * and where its bytes sit in one compact arena, side by side in one array: a lookup costs
 * one cache line of table and one of arena, not scattered reads in a large input buffer.
 */
import { OUTSIDE_FAST_PATH } from './json-bytes-scanner';

export interface ByteRanges {
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly hash: Int32Array;
}

/** Int32s per table slot: hash, index (-1 when empty), arena start, length. */
const SLOT_WIDTH = 4;

export class ByteIdTable {
  readonly count: number;
  private readonly table: Int32Array;
  private readonly mask: number;
  private readonly arena: Uint8Array;

  /** Throws OUTSIDE_FAST_PATH on a repeated id: the reference path words that error. */
  constructor(bytes: Uint8Array, ids: ByteRanges) {
    this.count = ids.start.length;
    let arenaLength = 0;
    for (let index = 0; index < this.count; index++)
      arenaLength += ids.end[index] - ids.start[index];
    this.arena = new Uint8Array(arenaLength);
    let size = 16;
    while (size < this.count * 2) size *= 2;
    this.mask = size - 1;
    this.table = new Int32Array(size * SLOT_WIDTH);
    for (let slot = 0; slot < size; slot++) this.table[slot * SLOT_WIDTH + 1] = -1;
    let arenaStart = 0;
    for (let index = 0; index < this.count; index++) {
      const length = ids.end[index] - ids.start[index];
      this.arena.set(bytes.subarray(ids.start[index], ids.end[index]), arenaStart);
      this.insert(index, ids.hash[index], arenaStart, length);
      arenaStart += length;
    }
  }

  /** Index of the id with the bytes source[start .. end - 1] and this hash, or -1. */
  find(source: Uint8Array, start: number, end: number, hash: number): number {
    const table = this.table;
    let slot = hash & this.mask;
    for (;;) {
      const base = slot * SLOT_WIDTH;
      const index = table[base + 1];
      if (index < 0) return -1;
      if (
        table[base] === hash &&
        this.matches(table[base + 2], table[base + 3], source, start, end)
      ) {
        return index;
      }
      slot = (slot + 1) & this.mask;
    }
  }

  private insert(index: number, hash: number, arenaStart: number, length: number): void {
    if (this.find(this.arena, arenaStart, arenaStart + length, hash) >= 0) throw OUTSIDE_FAST_PATH;
    let slot = hash & this.mask;
    while (this.table[slot * SLOT_WIDTH + 1] >= 0) slot = (slot + 1) & this.mask;
    const base = slot * SLOT_WIDTH;
    this.table[base] = hash;
    this.table[base + 1] = index;
    this.table[base + 2] = arenaStart;
    this.table[base + 3] = length;
  }

  private matches(
    from: number,
    length: number,
    source: Uint8Array,
    start: number,
    end: number,
  ): boolean {
    if (length !== end - start) return false;
    const arena = this.arena;
    for (let i = 0; i < length; i++) {
      if (arena[from + i] !== source[start + i]) return false;
    }
    return true;
  }
}
