import { Proposer } from './round.entity';

export interface CreateRoundInput {
  name: string;
  preferencesCloseAt: Date;
  preferencesOpenAt?: Date;
  offerAnswerDays?: number;
  proposer?: Proposer;
  seed?: string;
}
