import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The profile of a student (elev or studerende); the sign-in lives on the user. */
/**
 * SQL: whether a student born on `birthDate` is under 18 on `day` (both SQL expressions), as
 * the slot's first day decides it: accepting an offer then needs a guardian's consent. One
 * definition for the offer (placements) and what its reviewer sees (applicants). An unknown
 * birth date (an erased student) is not under 18.
 */
export const underEighteenOn = (birthDate: string, day: string) =>
  `coalesce(${birthDate} + interval '18 years' > ${day}, false)`;

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

  /** When the student expects to complete their programme (year and month, both or neither). */
  @Column('smallint', { nullable: true })
  expectedCompletionYear!: number | null;

  @Column('smallint', { nullable: true })
  expectedCompletionMonth!: number | null;

  /** When the person moved on to another school's enrolment (the row then has no account). */
  @Column('timestamptz', { nullable: true })
  leftAt!: Date | null;

  /** The enrolment that followed this one, at the new school. */
  @Column('uuid', { nullable: true })
  movedToStudentId!: string | null;

  /** When the student was erased (see docs/PRIVACY.md); null for a live student. */
  @Column('timestamptz', { nullable: true })
  erasedAt!: Date | null;

  @Column('timestamptz', { default: () => 'now()' })
  createdAt!: Date;

  @Column('timestamptz', { default: () => 'now()' })
  updatedAt!: Date;
}
