import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const ROUND_STATUSES = [
  'draft',
  'open',
  'closed',
  'matching',
  'matched',
  'published',
] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];
export type Proposer = 'students' | 'slots';

/** Before the run starts: a round's lists may still change (an erased student leaves them). */
export const BEFORE_RUN: readonly RoundStatus[] = ['draft', 'open', 'closed'];

/** Until the run's result is stored: what a student ranked there still has to be decided. */
export const RESULT_PENDING: readonly RoundStatus[] = [...BEFORE_RUN, 'matching'];

/** From these states on the run is stored, and the round's seed may be shown. */
export const SEED_REVEALED: readonly RoundStatus[] = ['matched', 'published'];

/** The seed as anyone may see it: null until the run that used it is stored. */
export function revealedSeed(round: Pick<Round, 'status' | 'seed'>): string | null {
  return SEED_REVEALED.includes(round.status) ? round.seed : null;
}

/** A matchrunde: a preference window, then one run of the engine, then offers. */
@Entity('rounds')
export class Round {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  name!: string;

  @Column('text', { default: 'draft' })
  status!: RoundStatus;

  @Column('timestamptz')
  preferencesOpenAt!: Date;

  @Column('timestamptz')
  preferencesCloseAt!: Date;

  @Column('smallint', { default: 7 })
  offerAnswerDays!: number;

  @Column('text', { default: 'students' })
  proposer!: Proposer;

  /**
   * The lottery seed that breaks ties; recorded so the round can be re-run bit for bit. Drawn
   * when the round is created and never changed (a trigger); shown only once the run is stored.
   */
  @Column('text')
  seed!: string;

  /** SHA-256 of the seed (hex), derived by the database: the round's commitment to it. */
  @Column({ type: 'text', insert: false, update: false })
  seedCommitment!: string;

  /** The round this one follows up, for unplaced students and released seats. */
  @Column('uuid', { nullable: true })
  parentRoundId!: string | null;

  /** How many runs were requested; part of the run's job id, so a failed run can be retried. */
  @Column('int', { default: 0 })
  runRequests!: number;

  @Column('timestamptz', { default: () => 'now()' })
  createdAt!: Date;

  @Column('timestamptz', { nullable: true })
  openedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  matchedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  publishedAt!: Date | null;
}
