import { Proposer } from '@app/database';

export interface CreateRoundInput {
  name: string;
  preferencesCloseAt: Date;
  preferencesOpenAt?: Date;
  offerAnswerDays?: number;
  proposer?: Proposer;
  /**
   * Only for the demo data, whose round is the same on every machine. The API takes no seed: a
   * chosen seed could favour known students in every tie.
   */
  seed?: string;
}

/** What may change while a round is a draft. */
export interface UpdateRoundInput {
  name?: string;
  preferencesOpenAt?: Date;
  preferencesCloseAt?: Date;
  offerAnswerDays?: number;
}
