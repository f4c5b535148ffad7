import { Round } from '@app/rounds';

export interface RoundView {
  id: string;
  name: string;
  status: Round['status'];
  preferencesOpenAt: Date;
  preferencesCloseAt: Date;
  offerAnswerDays: number;
  proposer: Round['proposer'];
  seed: string;
  parentRoundId: string | null;
  createdAt: Date;
  openedAt: Date | null;
  matchedAt: Date | null;
  publishedAt: Date | null;
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
    seed: round.seed,
    parentRoundId: round.parentRoundId,
    createdAt: round.createdAt,
    openedAt: round.openedAt,
    matchedAt: round.matchedAt,
    publishedAt: round.publishedAt,
  };
}
