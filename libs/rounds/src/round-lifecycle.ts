import { RoundStatus } from '@app/database';

interface RoundTransition {
  readonly from: readonly RoundStatus[];
  readonly to: RoundStatus;
  /** The column that records when the round got there, if any. */
  readonly stamp: 'opened_at' | 'matched_at' | 'published_at' | null;
}

/**
 * The round's lifecycle, in one place: draft → open → closed → matching → matched → published,
 * and from published a follow-up round (a new draft). Every change of a round's status goes
 * through one of these, applied by RoundsService.transition (or, for the run, by round-run's
 * own connection with `transitionSql`); no other lib writes `rounds.status`.
 */
export const ROUND_TRANSITIONS = {
  open: { from: ['draft'], to: 'open', stamp: 'opened_at' },
  close: { from: ['open'], to: 'closed', stamp: null },
  run: { from: ['closed'], to: 'matching', stamp: null },
  match: { from: ['matching'], to: 'matched', stamp: 'matched_at' },
  /** A run that failed for good: the round can be run again. */
  'release the run of': { from: ['matching'], to: 'closed', stamp: null },
  publish: { from: ['matched'], to: 'published', stamp: 'published_at' },
} as const satisfies Record<string, RoundTransition>;

export type RoundAction = keyof typeof ROUND_TRANSITIONS;

/**
 * At most one round is open at a time: the database's unique index `rounds_one_open`, which
 * settles concurrent openings too. A follow-up round is no exception to make, since it is
 * created from a published round only (FOLLOW_UP_FROM), never from the open one.
 */
export const ONE_OPEN_ROUND_INDEX = 'rounds_one_open';

/** Whether a failed statement broke the one-open-round rule. */
export function breaksOneOpenRound(error: unknown): boolean {
  const driverError = (error as { driverError?: { code?: string; constraint?: string } })
    ?.driverError;
  return driverError?.code === '23505' && driverError.constraint === ONE_OPEN_ROUND_INDEX;
}

/** Only a published round is followed up: its unplaced students and released seats go on. */
export const FOLLOW_UP_FROM: readonly RoundStatus[] = ['published'];

/**
 * `UPDATE rounds …` for a transition (plus `alsoSet`, other columns it sets): $1 is the round's id. It changes no row when the round is
 * not in a state the transition starts from, so a caller can tell by the row count.
 */
export function transitionSql(action: RoundAction, alsoSet?: string): string {
  const { from, to, stamp }: RoundTransition = ROUND_TRANSITIONS[action];
  const stamped = [stamp && `${stamp} = now()`, alsoSet].filter(Boolean).map((set) => `, ${set}`);
  const states = from.map((status) => `'${status}'`).join(', ');
  return `UPDATE rounds SET status = '${to}'${stamped.join('')} WHERE id = $1 AND status IN (${states})`;
}
