/** Matching by ids: compile an instance, run deferred acceptance, and map the result back. */
import { runDeferredAcceptance } from './deferred-acceptance';
import { Assignments, MatchingInstance, Proposer } from './instance';
import { Market } from './market';
import { compileMarket } from './market-compiler';
import { countMatched, MatchOutcome, slotOfStudent } from './match-outcome';

export interface MatchingStats {
  readonly students: number;
  readonly slots: number;
  readonly matched: number;
  /** Proposals between mutually acceptable pairs only. */
  readonly proposals: number;
  /** Time of deferred acceptance itself, after the instance was read and validated. */
  readonly elapsedMs: number;
}

export interface MatchingResult {
  readonly proposer: Proposer;
  readonly assignments: Assignments;
  readonly stats: MatchingStats;
}

export interface MatchOptions {
  /** Defaults to 'students'. */
  readonly proposer?: Proposer;
}

export interface TimedOutcome {
  readonly outcome: MatchOutcome;
  readonly elapsedMs: number;
}

/** Validates (throws InvalidInstanceError) and matches; the proposer-optimal stable matching. */
export function matchInstance(
  instance: MatchingInstance,
  options: MatchOptions = {},
): MatchingResult {
  const market = compileMarket(instance);
  const { outcome, elapsedMs } = timeDeferredAcceptance(market, options.proposer ?? 'students');
  return {
    proposer: outcome.proposer,
    assignments: toAssignments(market, outcome),
    stats: matchingStats(market, outcome, elapsedMs),
  };
}

export function timeDeferredAcceptance(market: Market, proposer: Proposer): TimedOutcome {
  const startedAt = performance.now();
  const outcome = runDeferredAcceptance(market, proposer);
  return { outcome, elapsedMs: performance.now() - startedAt };
}

export function matchingStats(
  market: Market,
  outcome: MatchOutcome,
  elapsedMs: number,
): MatchingStats {
  return {
    students: market.studentIds.length,
    slots: market.slotIds.length,
    matched: countMatched(outcome),
    proposals: outcome.proposals,
    // Microseconds are the clock's useful resolution; more digits are noise.
    elapsedMs: Math.round(elapsedMs * 1000) / 1000,
  };
}

/** One key per student, in instance order (integer-like ids excepted: JavaScript sorts those). */
export function toAssignments(market: Market, outcome: MatchOutcome): Assignments {
  const assignments = Object.create(null) as Record<string, string | null>;
  for (let student = 0; student < market.studentIds.length; student++) {
    const slot = slotOfStudent(market, outcome, student);
    assignments[market.studentIds[student]] = slot < 0 ? null : market.slotIds[slot];
  }
  return assignments;
}
