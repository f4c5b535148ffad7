/** Runs deferred acceptance on a compiled market for the chosen proposing side. */
import { Proposer } from './instance';
import { Market } from './market';
import { MatchOutcome } from './match-outcome';
import { proposeAsSlots } from './slot-proposing';
import { proposeAsStudents } from './student-proposing';

export function runDeferredAcceptance(market: Market, proposer: Proposer): MatchOutcome {
  return proposer === 'students' ? proposeAsStudents(market) : proposeAsSlots(market);
}
