/** The engine's result in index form, before it is turned back into ids. */
import { Proposer } from './instance';
import { Market } from './market';

export interface MatchOutcome {
  readonly proposer: Proposer;
  /**
   * Per student: the entry of market.students through which it holds a slot, or -1 when it
   * is unmatched. The entry gives the slot (listed), the slot's rank of the student
   * (rankThere) and the student's rank of the slot (entry - offsets[student]).
   */
  readonly studentEntry: Int32Array;
  /** Proposals between mutually acceptable pairs: the same for any processing order. */
  readonly proposals: number;
}

/** Slot index held by a student, or -1. */
export function slotOfStudent(market: Market, outcome: MatchOutcome, student: number): number {
  const entry = outcome.studentEntry[student];
  return entry < 0 ? -1 : market.students.listed[entry];
}

export function countMatched(outcome: MatchOutcome): number {
  let matched = 0;
  for (let student = 0; student < outcome.studentEntry.length; student++) {
    if (outcome.studentEntry[student] >= 0) matched++;
  }
  return matched;
}
