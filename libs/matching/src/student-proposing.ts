/**
 * Student-proposing deferred acceptance (Gale–Shapley with capacities): gives the
 * student-optimal stable matching, and is strategy-proof for students.
 */
import { Market } from './market';
import { MatchOutcome } from './match-outcome';
import { SeatHeaps } from './seat-heaps';

export function proposeAsStudents(market: Market): MatchOutcome {
  const { offsets, listed, rankThere } = market.students;
  const studentCount = market.studentIds.length;
  const seats = new SeatHeaps(market);
  const nextEntry = offsets.slice(0, studentCount);
  const studentEntry = new Int32Array(studentCount).fill(-1);
  const free = new Int32Array(studentCount);
  let freeCount = 0;
  for (let student = studentCount - 1; student >= 0; student--) free[freeCount++] = student;
  let proposals = 0;

  while (freeCount > 0) {
    // A displaced student proposes next, in the same inner loop: no stack round trip.
    let student = free[--freeCount];
    while (nextEntry[student] < offsets[student + 1]) {
      const entry = nextEntry[student]++;
      const rank = rankThere[entry];
      if (rank < 0) continue; // the slot does not list this student: not a proposal
      proposals++;
      const slot = listed[entry];
      if (!seats.isFull(slot)) {
        seats.add(slot, student, rank);
        studentEntry[student] = entry;
        break;
      }
      if (rank > seats.worstRank(slot)) continue; // rejected: every holder ranks higher
      const displaced = seats.worstHolder(slot);
      seats.replaceWorst(slot, student, rank);
      studentEntry[student] = entry;
      studentEntry[displaced] = -1;
      student = displaced;
    }
  }
  return { proposer: 'students', studentEntry, proposals };
}
