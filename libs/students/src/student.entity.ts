import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The profile of a student (elev or studerende); the sign-in lives on the user. */
@Entity('students')
export class Student {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Null once the student is erased: the account is gone, the row stays as a tombstone. */
  @Column('uuid', { nullable: true })
  userId!: string | null;

  @Column('uuid')
  schoolId!: string;

  @Column('uuid')
  programmeId!: string;

  @Column('text')
  fullName!: string;

  /** ISO date (YYYY-MM-DD); kept as a string so no time zone can shift it. */
  @Column('date', { nullable: true })
  birthDate!: string | null;

  @Column('text', { array: true, default: '{da}' })
  languages!: string[];

  @Column('text', { array: true, default: '{}' })
  skills!: string[];

  @Column('text', { array: true, default: '{}' })
  interests!: string[];

  @Column('text', { default: '' })
  motivation!: string;

  @Column('date')
  availableFrom!: string;

  @Column('date')
  availableTo!: string;

  /** When the student was erased (see docs/PRIVACY.md); null for a live student. */
  @Column('timestamptz', { nullable: true })
  erasedAt!: Date | null;

  @Column('timestamptz', { default: () => 'now()' })
  createdAt!: Date;

  @Column('timestamptz', { default: () => 'now()' })
  updatedAt!: Date;
}
