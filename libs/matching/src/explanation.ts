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
  const reasons = new MissedSlotReasons(market, outcome.studentEntry);
  const cutoffs = Object.create(null) as Record<string, SlotCutoff>;
  market.slotIds.forEach((slotId, slot) => (cutoffs[slotId] = reasons.cutoff(slot)));
  const explanations = Object.create(null) as Record<string, readonly MissedSlot[]>;
  market.studentIds.forEach((studentId, student) => {
    const missed: MissedSlot[] = [];
    reasons.forEachMissed(student, (slot, rankAtSlot) => {
      const slotId = market.slotIds[slot];
      missed.push(
        rankAtSlot === NOT_LISTED
          ? { slot: slotId, reason: 'not_acceptable' }
          : { slot: slotId, reason: 'full', cutoff: reasons.worstTaken(slot), rankAtSlot },
      );
    });
    explanations[studentId] = missed;
  });
  return { cutoffs, explanations };
}

/** rankAtSlot given for a slot that does not list the student. */
export const NOT_LISTED = 0;

/**
 * The one place that decides why a student missed a slot, in index form, for explainOutcome
 * and for the JSON writer (which streams reasons without building an object per reason).
 */
export class MissedSlotReasons {
  private readonly filled: Int32Array;
  /** 0-based rank of the worst student each slot took; -1 when it took none. */
  private readonly worstRank: Int32Array;

  constructor(
    private readonly market: Market,
    private readonly studentEntry: Int32Array,
  ) {
    this.filled = new Int32Array(market.slotIds.length);
    this.worstRank = new Int32Array(market.slotIds.length).fill(-1);
    for (let student = 0; student < studentEntry.length; student++) {
      const entry = studentEntry[student];
      if (entry < 0) continue;
      const slot = market.students.listed[entry];
      this.filled[slot]++;
      this.worstRank[slot] = Math.max(this.worstRank[slot], market.students.rankThere[entry]);
    }
  }

  cutoff(slot: number): SlotCutoff {
    return this.isFull(slot) ? this.worstTaken(slot) : 'not full';
  }

  /** The slot's 1-based rank of the worst student it took; 0 when it took none. */
  worstTaken(slot: number): number {
    return this.worstRank[slot] + 1;
  }

  /**
   * Visits each slot the student ranked above its own (every slot it listed, if unmatched),
   * in its order, with the slot's 1-based rank of the student, or NOT_LISTED. A listed slot
   * is then full, and worstTaken(slot) ranks above the student: anything else is a blocking
   * pair, and throws.
   */
  forEachMissed(student: number, visit: (slot: number, rankAtSlot: number) => void): void {
    const { offsets, listed, rankThere } = this.market.students;
    const held = this.studentEntry[student];
    const end = held < 0 ? offsets[student + 1] : held;
    for (let entry = offsets[student]; entry < end; entry++) {
      const slot = listed[entry];
      const rank = rankThere[entry];
      if (rank >= 0 && !(this.isFull(slot) && this.worstRank[slot] < rank)) {
        const slotId = this.market.slotIds[slot];
        throw new InvalidMatchingError('blocking_pair', this.market.studentIds[student], slotId);
      }
      visit(slot, rank < 0 ? NOT_LISTED : rank + 1);
    }
  }

  private isFull(slot: number): boolean {
    return this.filled[slot] >= this.market.capacities[slot];
  }
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
