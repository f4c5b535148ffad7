import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const SLOT_STATUSES = ['open', 'closed'] as const;
export type SlotStatus = (typeof SLOT_STATUSES)[number];

/** A praktikplads: a place offered by an employer or public body, with `capacity` seats. */
@Entity('slots')
export class Slot {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  organisationId!: string;

  @Column('text')
  organisationKind!: 'employer' | 'public';

  @Column('text')
  title!: string;

  @Column('text', { default: '' })
  description!: string;

  @Column('text')
  focusArea!: string;

  @Column('text', { array: true, default: '{}' })
  skills!: string[];

  /** A language the intern must speak, or null when any will do. */
  @Column('text', { nullable: true })
  language!: string | null;

  @Column('smallint', { nullable: true })
  minAge!: number | null;

  @Column('date')
  startsOn!: string;

  @Column('date')
  endsOn!: string;

  @Column('int')
  capacity!: number;

  /** Where the intern goes: the address, shown with the offer. */
  @Column('text', { default: '' })
  site!: string;

  /** Whom the intern contacts at the host; empty until the host names someone. */
  @Column('text', { default: '' })
  contactName!: string;

  @Column('text', { default: '' })
  contactEmail!: string;

  @Column('text', { default: '' })
  contactPhone!: string;

  @Column('text', { default: 'open' })
  status!: SlotStatus;

  @Column('timestamptz', { default: () => 'now()' })
  createdAt!: Date;

  @Column('timestamptz', { default: () => 'now()' })
  updatedAt!: Date;
}

/** Programmes whose students may take a slot; a slot with none is open to every programme. */
@Entity('slot_programmes')
export class SlotProgramme {
  @Column('uuid', { primary: true })
  slotId!: string;

  @Column('uuid', { primary: true })
  programmeId!: string;
}
