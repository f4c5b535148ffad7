/**
 * A validated instance turned into integer indices and flat typed arrays, once, so that the
 * proposal loops never touch a string, an object or a Map.
 */

/** One side's preference lists in CSR layout. */
export interface PreferenceTable {
  /** The entries of owner i are offsets[i] .. offsets[i + 1] - 1; length is owners + 1. */
  readonly offsets: Int32Array;
  /** Index, on the other side, of the party named by each entry, most preferred first. */
  readonly listed: Int32Array;
  /**
   * 0-based position of the owner in the listed party's own list, or -1 when that party does
   * not list the owner back. A -1 entry is one-sided: it is ignored by the matching.
   */
  readonly rankThere: Int32Array;
}

export interface Market {
  /** Student ids in instance order; a student's index is its position here. */
  readonly studentIds: readonly string[];
  /** Slot ids in instance order; a slot's index is its position here. */
  readonly slotIds: readonly string[];
  /** Seats per slot, capped at 2^31 - 1 (more seats than that can never fill). */
  readonly capacities: Int32Array;
  readonly students: PreferenceTable;
  readonly slots: PreferenceTable;
}
