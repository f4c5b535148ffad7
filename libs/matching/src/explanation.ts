/**
 * Why each student did not get the slots they ranked above their own: per slot a cutoff,
 * per student and per better slot a reason. For a stable matching every such slot is either
 * full of students it ranks higher, or does not list the student; that is what stability
 * means, so an explanation exists exactly when the matching is stable, and this code throws
 * (blocking_pair) rather than invent one.
 */
import { Assignments, MatchingInstance } from './instance';
import { InvalidMatchingError } from './invalid-matching.error';
import { Market } from './market';
import { compileMarket } from './market-compiler';
import { MatchOutcome } from './match-outcome';

/** The slot's 1-based rank of the worst student it took, when it is full. */
export type SlotCutoff = number | 'not full';

export interface FullSlot {
  readonly slot: string;
  readonly reason: 'full';
  /** The slot's cutoff: every student it took ranks at or above this. */
  readonly cutoff: number;
  /** The slot's 1-based rank of this student, always worse than the cutoff. */
  readonly rankAtSlot: number;
}

export interface NotAcceptableSlot {
  readonly slot: string;
  /** The slot did not list this student. */
  readonly reason: 'not_acceptable';
}

export type MissedSlot = FullSlot | NotAcceptableSlot;

export interface MatchingExplanation {
  /** One key per slot. */
  readonly cutoffs: Readonly<Record<string, SlotCutoff>>;
  /** One key per student: the slots it ranked above its own (all of them when unmatched). */
  readonly explanations: Readonly<Record<string, readonly MissedSlot[]>>;
}

/** Explains a matching given by ids; throws InvalidMatchingError when it is not stable. */
export function explainMatching(
  instance: MatchingInstance,
  assignments: Assignments,
): MatchingExplanation {
  const market = compileMarket(instance);
  return explainOutcome(market, { studentEntry: entriesOfAssignments(market, assignments) });
}

export function explainOutcome(
  market: Market,
  outcome: Pick<MatchOutcome, 'studentEntry'>,
): MatchingExplanation {
  const seats = takenSeats(market, outcome.studentEntry);
  const cutoffs = Object.create(null) as Record<string, SlotCutoff>;
  for (let slot = 0; slot < market.slotIds.length; slot++) {
    cutoffs[market.slotIds[slot]] = isFull(market, seats, slot)
      ? seats.worstRank[slot] + 1
      : 'not full';
  }
  const explanations = Object.create(null) as Record<string, readonly MissedSlot[]>;
  for (let student = 0; student < market.studentIds.length; student++) {
    explanations[market.studentIds[student]] = missedSlots(market, seats, outcome, student);
  }
  return { cutoffs, explanations };
}

interface TakenSeats {
  readonly filled: Int32Array;
  /** 0-based rank of the worst student each slot took; -1 when it took none. */
  readonly worstRank: Int32Array;
}

function takenSeats(market: Market, studentEntry: Int32Array): TakenSeats {
  const filled = new Int32Array(market.slotIds.length);
  const worstRank = new Int32Array(market.slotIds.length).fill(-1);
  for (let student = 0; student < studentEntry.length; student++) {
    const entry = studentEntry[student];
    if (entry < 0) continue;
    const slot = market.students.listed[entry];
    filled[slot]++;
    worstRank[slot] = Math.max(worstRank[slot], market.students.rankThere[entry]);
  }
  return { filled, worstRank };
}

function isFull(market: Market, seats: TakenSeats, slot: number): boolean {
  return seats.filled[slot] >= market.capacities[slot];
}

function missedSlots(
  market: Market,
  seats: TakenSeats,
  outcome: Pick<MatchOutcome, 'studentEntry'>,
  student: number,
): MissedSlot[] {
  const { offsets, listed, rankThere } = market.students;
  const held = outcome.studentEntry[student];
  const end = held < 0 ? offsets[student + 1] : held;
  const missed: MissedSlot[] = [];
  for (let entry = offsets[student]; entry < end; entry++) {
    const slot = listed[entry];
    const slotId = market.slotIds[slot];
    const rank = rankThere[entry];
    if (rank < 0) {
      missed.push({ slot: slotId, reason: 'not_acceptable' });
    } else if (isFull(market, seats, slot) && seats.worstRank[slot] < rank) {
      missed.push({
        slot: slotId,
        reason: 'full',
        cutoff: seats.worstRank[slot] + 1,
        rankAtSlot: rank + 1,
      });
    } else {
      throw new InvalidMatchingError('blocking_pair', market.studentIds[student], slotId);
    }
  }
  return missed;
}

/** Turns assignments by id into student entries, rejecting anything that is not a matching. */
function entriesOfAssignments(market: Market, assignments: Assignments): Int32Array {
  const slotIndex = new Map(market.slotIds.map((id, index) => [id, index]));
  const studentIndex = new Set(market.studentIds);
  for (const studentId of Object.keys(assignments)) {
    if (!studentIndex.has(studentId)) {
      throw new InvalidMatchingError('unknown_student', studentId, null);
    }
  }
  const studentEntry = new Int32Array(market.studentIds.length).fill(-1);
  const filled = new Int32Array(market.slotIds.length);
  market.studentIds.forEach((studentId, student) => {
    if (!Object.hasOwn(assignments, studentId)) {
      throw new InvalidMatchingError('missing_student', studentId, null);
    }
    const slotId = assignments[studentId];
    if (slotId === null) return;
    const slot = slotIndex.get(slotId);
    if (slot === undefined) throw new InvalidMatchingError('unknown_slot', studentId, slotId);
    studentEntry[student] = mutualEntry(market, student, slot, slotId);
    if (++filled[slot] > market.capacities[slot]) {
      throw new InvalidMatchingError('over_capacity', studentId, slotId);
    }
  });
  return studentEntry;
}

function mutualEntry(market: Market, student: number, slot: number, slotId: string): number {
  const { offsets, listed, rankThere } = market.students;
  for (let entry = offsets[student]; entry < offsets[student + 1]; entry++) {
    if (listed[entry] === slot && rankThere[entry] >= 0) return entry;
  }
  throw new InvalidMatchingError('not_mutually_acceptable', market.studentIds[student], slotId);
}
