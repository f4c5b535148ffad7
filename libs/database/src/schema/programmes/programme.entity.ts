import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const PROGRAMME_LEVELS = ['vocational', 'gymnasium', 'higher'] as const;
export type ProgrammeLevel = (typeof PROGRAMME_LEVELS)[number];

/** An education (uddannelse) that one school offers. */
@Entity('programmes')
export class Programme {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  schoolId!: string;

  @Column('text')
  code!: string;

  @Column('text')
  name!: string;

  @Column('text')
  level!: ProgrammeLevel;
}
