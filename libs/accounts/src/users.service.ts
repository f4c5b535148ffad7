import { ConflictError, InvalidInputError, NotFoundError } from '@app/errors';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { InvitationsService } from './invitations.service';
import { Role, User } from './user.entity';

export class EmailTakenError extends ConflictError {
  constructor(email: string) {
    super(`email ${email} is already in use`);
  }
}

/** The rule of users_role_organisation_check, told to the client before the database refuses. */
export class RoleOrganisationError extends InvalidInputError {}

export class StudentAccountError extends InvalidInputError {
  constructor() {
    super('role: student accounts come with a profile; manage them through /api/students');
  }
}

export interface NewUser {
  email: string;
  displayName: string;
  role: Role;
  organisationId: string | null;
  language?: User['language'];
}

export interface UserChanges {
  displayName?: string;
  role?: Exclude<Role, 'student'>;
  organisationId?: string | null;
  language?: User['language'];
}

export interface UserFilter {
  role?: Role;
  organisationId?: string;
  q?: string;
  page: number;
  pageSize: number;
}

/** An account as an admin sees it. */
export interface AdminUserView {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  language: User['language'];
  organisation: { id: string; name: string; kind: string } | null;
  /** Whether the invitation has been accepted and a password set. */
  activated: boolean;
  lastLoginAt: Date | null;
  createdAt: Date;
}

const ORGANISATION_KINDS_OF: Record<Role, readonly string[]> = {
  student: ['school'],
  coordinator: ['school'],
  reviewer: ['employer', 'public'],
  admin: [],
};

const ADMIN_VIEW_SQL = `
  SELECT u.id, u.email, u.display_name AS "displayName", u.role, u.language,
         u.password_hash IS NOT NULL AS activated, u.last_login_at AS "lastLoginAt",
         u.created_at AS "createdAt", o.id AS "organisationId", o.name AS "organisationName",
         o.kind AS "organisationKind", count(*) OVER () AS "total"
    FROM users u LEFT JOIN organisations o ON o.id = u.organisation_id`;

type AdminUserRow = Omit<AdminUserView, 'organisation'> & {
  organisationId: string | null;
  organisationName: string | null;
  organisationKind: string | null;
  total: string;
};

@Injectable()
export class UsersService {
  constructor(
    private readonly db: DataSource,
    private readonly invitations: InvitationsService,
  ) {}

  /** Inserts an account without a password, inside the caller's transaction. */
  async createUser(manager: EntityManager, input: NewUser): Promise<User> {
    const email = input.email.trim().toLowerCase();
    const organisationKind = await this.checkRoleOrganisation(
      manager,
      input.role,
      input.organisationId,
    );
    if (await manager.existsBy(User, { email })) throw new EmailTakenError(email);
    const user = manager.create(User, {
      email,
      displayName: input.displayName,
      role: input.role,
      organisationId: input.organisationId,
      organisationKind,
      language: input.language ?? 'da',
    });
    return manager.save(user);
  }

  /** Staff accounts (coordinators, reviewers, admins), each with an invitation. */
  async createStaff(input: NewUser): Promise<{ user: AdminUserView; invitationToken: string }> {
    if (input.role === 'student') throw new StudentAccountError();
    const { id, invitationToken } = await this.db.transaction(async (manager) => {
      const user = await this.createUser(manager, input);
      return {
        id: user.id,
        invitationToken: await this.invitations.createInvitation(user.id, manager),
      };
    });
    return { user: await this.adminView(id), invitationToken };
  }

  async list(filter: UserFilter): Promise<{ items: AdminUserView[]; total: number }> {
    const rows: AdminUserRow[] = await this.db.query(
      `${ADMIN_VIEW_SQL}
        WHERE ($1::text IS NULL OR u.role = $1)
          AND ($2::uuid IS NULL OR u.organisation_id = $2)
          AND ($3::text IS NULL OR u.email ILIKE $3 OR u.display_name ILIKE $3)
        ORDER BY u.email
        LIMIT $4 OFFSET $5`,
      [
        filter.role ?? null,
        filter.organisationId ?? null,
        filter.q ? `%${escapeLike(filter.q)}%` : null,
        filter.pageSize,
        (filter.page - 1) * filter.pageSize,
      ],
    );
    return { items: rows.map(toAdminView), total: Number(rows[0]?.total ?? 0) };
  }

  async adminView(id: string): Promise<AdminUserView> {
    const [row]: AdminUserRow[] = await this.db.query(`${ADMIN_VIEW_SQL} WHERE u.id = $1`, [id]);
    if (!row) throw new NotFoundError('User', id);
    return toAdminView(row);
  }

  async update(id: string, changes: UserChanges): Promise<AdminUserView> {
    await this.db.transaction(async (manager) => {
      const user = await manager.findOne(User, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!user) throw new NotFoundError('User', id);
      if (user.role === 'student' && changes.role !== undefined) throw new StudentAccountError();
      const role = changes.role ?? user.role;
      const organisationId =
        changes.organisationId !== undefined ? changes.organisationId : user.organisationId;
      const organisationKind = await this.checkRoleOrganisation(manager, role, organisationId);
      if (user.role === 'student' && organisationId !== user.organisationId) {
        throw new StudentAccountError();
      }
      await manager.update(User, id, {
        displayName: changes.displayName ?? user.displayName,
        language: changes.language ?? user.language,
        role,
        organisationId,
        organisationKind,
        updatedAt: new Date(),
      });
    });
    return this.adminView(id);
  }

  /** Returns the organisation kind to store with the user. */
  private async checkRoleOrganisation(
    manager: EntityManager,
    role: Role,
    organisationId: string | null,
  ): Promise<string | null> {
    const kinds = ORGANISATION_KINDS_OF[role];
    if (kinds.length === 0) {
      if (organisationId !== null) {
        throw new RoleOrganisationError(
          `organisationId: role ${role} takes no organisation (send null)`,
        );
      }
      return null;
    }
    const wanted = `organisationId: role ${role} needs the id of an organisation of kind ${kinds.join(' or ')}`;
    if (organisationId === null) throw new RoleOrganisationError(wanted);
    const [organisation]: { kind: string }[] = await manager.query(
      `SELECT kind FROM organisations WHERE id = $1`,
      [organisationId],
    );
    if (!organisation || !kinds.includes(organisation.kind))
      throw new RoleOrganisationError(wanted);
    return organisation.kind;
  }
}

function toAdminView(row: AdminUserRow): AdminUserView {
  return {
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    role: row.role,
    language: row.language,
    organisation: row.organisationId
      ? {
          id: row.organisationId,
          name: row.organisationName ?? '',
          kind: row.organisationKind ?? '',
        }
      : null,
    activated: row.activated,
    lastLoginAt: row.lastLoginAt,
    createdAt: row.createdAt,
  };
}

/** A search text used inside LIKE, with its wildcards taken literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
