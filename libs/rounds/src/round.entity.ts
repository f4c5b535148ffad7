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

  /** The lottery seed that breaks ties; recorded so the round can be re-run bit for bit. */
  @Column('text')
  seed!: string;

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
