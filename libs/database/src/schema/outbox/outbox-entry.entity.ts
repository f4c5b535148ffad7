import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const CHANNELS = ['email', 'in_app'] as const;
export type Channel = (typeof CHANNELS)[number];

export type OutboxStatus = 'pending' | 'queued' | 'delivered' | 'failed';

/** One notification to one recipient on one channel, recorded with the change it reports. */
@Entity('outbox')
export class OutboxEntry {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  event!: string;

  /** A user, or else (guardianConsentId) a guardian, who has no account. */
  @Column('uuid', { nullable: true })
  recipientUserId!: string | null;

  @Column('uuid', { nullable: true })
  guardianConsentId!: string | null;

  @Column('text')
  channel!: Channel;

  /** Ids and non-personal values the template needs; never a secret, never a name. */
  @Column('jsonb')
  payload!: Record<string, unknown>;

  @Column('text')
  dedupeKey!: string;

  @Column('text')
  status!: OutboxStatus;

  @Column('integer')
  attempts!: number;

  @Column('text', { nullable: true })
  lastError!: string | null;

  /** Set while a worker sends the message; duplicates of the job wait until it has passed. */
  @Column('timestamptz', { nullable: true })
  sendingUntil!: Date | null;

  @Column('timestamptz')
  createdAt!: Date;

  @Column('timestamptz', { nullable: true })
  queuedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  deliveredAt!: Date | null;
}
