import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const PLACEMENT_STATUSES = [
  'offered',
  'accepted',
  'declined',
  'expired',
  'confirmed',
  'withdrawn',
] as const;
export type PlacementStatus = (typeof PLACEMENT_STATUSES)[number];

/** An offer (tilbud) made from a round's assignment, and what became of it. */
@Entity('placements')
export class Placement {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  roundId!: string;

  @Column('uuid')
  studentId!: string;

  @Column('uuid')
  slotId!: string;

  @Column('text', { default: 'offered' })
  status!: PlacementStatus;

  @Column('timestamptz')
  offeredAt!: Date;

  @Column('timestamptz')
  deadlineAt!: Date;

  @Column('timestamptz', { nullable: true })
  answeredAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  confirmedAt!: Date | null;

  @Column('uuid', { nullable: true })
  confirmedBy!: string | null;

  /** Decided when the offer is made: the student is under 18 on the slot's first day. */
  @Column('boolean', { default: false })
  needsGuardianConsent!: boolean;

  /** Who consented; cleared when the student is erased, while the moment stays. */
  @Column('text', { nullable: true })
  guardianName!: string | null;

  @Column('timestamptz', { nullable: true })
  guardianConsentAt!: Date | null;
}
