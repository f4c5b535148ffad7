/**
 * The matching engine: hospitals/residents with capacities solved by deferred acceptance,
 * with validation, a seeded lottery for ties, an independent stability check and
 * explanations. Pure TypeScript: no I/O, no framework, nothing else from the project.
 */
export { PROPOSERS } from './instance';
export type {
  Assignments,
  MatchingInstance,
  Proposer,
  SlotPreferences,
  StudentPreferences,
} from './instance';
export { InvalidInstanceError } from './invalid-instance.error';
export type { InstanceLocation, InstanceRule, InstanceSide } from './invalid-instance.error';
export { InvalidMatchingError } from './invalid-matching.error';
export type { MatchingRule } from './invalid-matching.error';
export { compileMarket } from './market-compiler';
export type { Market, PreferenceTable } from './market';
export { parseInstanceText, readInstanceBytes } from './instance-text';
export { runDeferredAcceptance } from './deferred-acceptance';
export { countMatched, slotOfStudent } from './match-outcome';
export type { MatchOutcome } from './match-outcome';
export {
  matchInstance,
  matchingStats,
  timeDeferredAcceptance,
  toAssignments,
} from './match-instance';
export type { MatchingResult, MatchingStats, MatchOptions, TimedOutcome } from './match-instance';
export { findAssignmentViolations, findBlockingPairs } from './stability';
export type { AssignmentViolation, AssignmentViolationRule, BlockingPair } from './stability';
export { explainMatching, explainOutcome, MissedSlotReasons, NOT_LISTED } from './explanation';
export type {
  FullSlot,
  MatchingExplanation,
  MissedSlot,
  NotAcceptableSlot,
  SlotCutoff,
} from './explanation';
export { lotteryOrder, lotteryTicket, lotteryTickets, rankByScore } from './lottery';
export type { ScoredItem } from './lottery';
export { formatResultJson } from './result-json';
export type { ResultOptions } from './result-json';

/** Recorded with every run, so a stored result names the engine that produced it. */
export const ENGINE_VERSION = 'biotekbyen-da/1.0.0';
