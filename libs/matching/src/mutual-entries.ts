/**
 * Finds, for every pair listed on both sides, where each stands in the other's list: the
 * cross ranks that let the proposal loops decide a proposal with two array reads.
 */
import { PreferenceTable } from './market';

/**
 * Fills rankThere on both sides: for every pair listed by both, where each stands in the
 * other's list. Slot lists are bucketed by student (a counting sort), then each student's
 * own list is read against a per-slot scratch array: linear in the number of entries.
 */
export function linkMutualEntries(students: PreferenceTable, slots: PreferenceTable): void {
  const studentCount = students.offsets.length - 1;
  const slotCount = slots.offsets.length - 1;
  const listedBy = bucketByListed(slots, studentCount);
  const rankAtSlot = new Int32Array(slotCount).fill(-1);
  for (let student = 0; student < studentCount; student++) {
    const from = listedBy.offsets[student];
    const to = listedBy.offsets[student + 1];
    for (let i = from; i < to; i++) rankAtSlot[listedBy.owner[i]] = listedBy.position[i];
    const start = students.offsets[student];
    const end = students.offsets[student + 1];
    for (let entry = start; entry < end; entry++) {
      const slot = students.listed[entry];
      const rank = rankAtSlot[slot];
      if (rank < 0) continue;
      students.rankThere[entry] = rank;
      slots.rankThere[slots.offsets[slot] + rank] = entry - start;
    }
    for (let i = from; i < to; i++) rankAtSlot[listedBy.owner[i]] = -1;
  }
}

interface ListedBy {
  readonly offsets: Int32Array;
  readonly owner: Int32Array;
  readonly position: Int32Array;
}

/** For each party on the other side: which owners list it, and at which position. */
function bucketByListed(table: PreferenceTable, listedCount: number): ListedBy {
  const offsets = new Int32Array(listedCount + 1);
  for (let entry = 0; entry < table.listed.length; entry++) offsets[table.listed[entry] + 1]++;
  for (let i = 0; i < listedCount; i++) offsets[i + 1] += offsets[i];
  const next = offsets.slice(0, listedCount);
  const owner = new Int32Array(table.listed.length);
  const position = new Int32Array(table.listed.length);
  const ownerCount = table.offsets.length - 1;
  for (let o = 0; o < ownerCount; o++) {
    const start = table.offsets[o];
    for (let entry = start; entry < table.offsets[o + 1]; entry++) {
      const bucket = next[table.listed[entry]]++;
      owner[bucket] = o;
      position[bucket] = entry - start;
    }
  }
  return { offsets, owner, position };
}
