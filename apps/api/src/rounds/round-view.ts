import { revealedSeed, Round } from '@app/database';
import { MAX_PREFERENCES } from '@app/rounds';

export interface RoundView {
  id: string;
  name: string;
  status: Round['status'];
  preferencesOpenAt: Date;
  preferencesCloseAt: Date;
  offerAnswerDays: number;
  proposer: Round['proposer'];
  seed: string | null;
  seedCommitment: string;
  parentRoundId: string | null;
  createdAt: Date;
  openedAt: Date | null;
  matchedAt: Date | null;
  publishedAt: Date | null;
  /** How many slots a student may rank (the rounds lib's rule, for the web app to show). */
  maxPreferences: number;
}

export function toRoundView(round: Round): RoundView {
  return {
    id: round.id,
    name: round.name,
    status: round.status,
    preferencesOpenAt: round.preferencesOpenAt,
    preferencesCloseAt: round.preferencesCloseAt,
    offerAnswerDays: round.offerAnswerDays,
    proposer: round.proposer,
    seed: revealedSeed(round),
    seedCommitment: round.seedCommitment,
    parentRoundId: round.parentRoundId,
    createdAt: round.createdAt,
    openedAt: round.openedAt,
    matchedAt: round.matchedAt,
    publishedAt: round.publishedAt,
    maxPreferences: MAX_PREFERENCES,
  };
}
