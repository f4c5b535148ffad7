import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const PLACEMENT_STATUSES = [
  'offered',
  /** Accepted by a student under 18; the seat is held until their guardian answers. */
  'awaiting_guardian',
  'accepted',
  'declined',
  'expired',
  'confirmed',
  'withdrawn',
] as const;
export type PlacementStatus = (typeof PLACEMENT_STATUSES)[number];

/**
 * Which placements count as active: an open offer or a placement. A student with one takes part
 * in no further round (is neither announced, reminded nor may rank). The one definition; SQL
 * spells it through `placementStatusIn`.
 */
export const ACTIVE_PLACEMENT_STATUSES = [
  'offered',
  'awaiting_guardian',
  'accepted',
  'confirmed',
] as const satisfies readonly PlacementStatus[];

export function isActive(status: PlacementStatus): boolean {
  return (ACTIVE_PLACEMENT_STATUSES as readonly PlacementStatus[]).includes(status);
}

/** Who counts as placed (an intern): the offer is accepted, by the guardian where one is needed. */
export const PLACED_STATUSES = [
  'accepted',
  'confirmed',
] as const satisfies readonly PlacementStatus[];

export function isPlaced(status: PlacementStatus): boolean {
  return (PLACED_STATUSES as readonly PlacementStatus[]).includes(status);
}

/** Offers still waiting for an answer before their deadline, the student's or the guardian's. */
export const OPEN_OFFER_STATUSES = [
  'offered',
  'awaiting_guardian',
] as const satisfies readonly PlacementStatus[];

/** `<column> IN ('a', 'b')` for a list above; the statuses are constants, never user input. */
export function placementStatusIn(statuses: readonly PlacementStatus[], column = 'status'): string {
  return `${column} IN (${statuses.map((status) => `'${status}'`).join(', ')})`;
}

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
