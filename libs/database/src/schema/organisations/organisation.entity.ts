import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const ORGANISATION_KINDS = ['school', 'employer', 'public', 'network'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** Kinds of organisation that offer slots and have reviewers. */
export const HOST_KINDS: readonly OrganisationKind[] = ['employer', 'public'];

@Entity('organisations')
export class Organisation {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  name!: string;

  @Column('text')
  kind!: OrganisationKind;

  @Column('text')
  slug!: string;

  @Column('text', { default: '' })
  description!: string;

  @Column('timestamptz', { default: () => 'now()' })
  createdAt!: Date;

  @Column('timestamptz', { default: () => 'now()' })
  updatedAt!: Date;
}
