import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const ROLES = ['student', 'coordinator', 'reviewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Always stored lower-case; the database refuses anything else. */
  @Column('text')
  email!: string;

  @Column('text')
  displayName!: string;

  @Column('text')
  role!: Role;

  @Column('uuid', { nullable: true })
  organisationId!: string | null;

  @Column('text', { nullable: true })
  organisationKind!: string | null;

  /** argon2id; null until the user has set a password from an invitation. */
  @Column('text', { nullable: true, select: false })
  passwordHash!: string | null;

  @Column('text', { default: 'da' })
  language!: 'da' | 'en';

  @Column('timestamptz', { nullable: true })
  lastLoginAt!: Date | null;

  /** Set while an admin has deactivated the account: it cannot sign in, its sessions ended. */
  @Column('timestamptz', { nullable: true })
  deactivatedAt!: Date | null;

  /** Raised by the database on every change that ends the account's sessions (bigint). */
  @Column({ type: 'bigint', default: () => '0', update: false })
  sessionVersion!: string;

  @Column('timestamptz', { default: () => 'now()' })
  createdAt!: Date;

  @Column('timestamptz', { default: () => 'now()' })
  updatedAt!: Date;
}
