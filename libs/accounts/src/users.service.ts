import { ConflictError, InvalidInputError, NotFoundError } from '@app/errors';
import { AccessActor, AccessLogService } from '@app/access-log';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { InvitationsService } from './invitations.service';
import { SessionRegistry } from './session-registry';
import { Role, User } from '@app/database';

/**
 * The address cannot be given to a new account. Whose it is, or where (a student of another
 * school, a member of staff), is nobody's business: the answer is the same for every such case.
 */
export class EmailTakenError extends ConflictError {
  constructor() {
    super(`email: ${EMAIL_UNUSABLE}`, { code: 'account.email_taken', field: 'email' });
  }
}

export const EMAIL_UNUSABLE = 'this e-mail address cannot be used; please use another';

/** The rule of users_role_organisation_check, told to the client before the database refuses. */
export class RoleOrganisationError extends InvalidInputError {
  constructor(message: string) {
    super(message, { code: 'account.role_organisation', field: 'organisationId' });
  }
}

export class StudentAccountError extends InvalidInputError {
  constructor() {
    super('role: student accounts come with a profile; manage them through /api/students', {
      code: 'account.student_account',
      field: 'role',
    });
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
  /** False while an admin has deactivated the account. */
  active: boolean;
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
         u.password_hash IS NOT NULL AS activated, u.deactivated_at IS NULL AS active,
         u.last_login_at AS "lastLoginAt",
         u.created_at AS "createdAt", o.id AS "organisationId", o.name AS "organisationName",
         o.kind AS "organisationKind", st.id AS "studentId", count(*) OVER () AS "total"
    FROM users u LEFT JOIN organisations o ON o.id = u.organisation_id
    LEFT JOIN students st ON st.user_id = u.id`;

/** What an admin's view of an account shows of a student, as the access log names it. */
const STUDENT_ACCOUNT_FIELDS = ['displayName', 'email', 'lastLoginAt'];

type AdminUserRow = Omit<AdminUserView, 'organisation'> & {
  organisationId: string | null;
  organisationName: string | null;
  organisationKind: string | null;
  /** The student behind a student's account, for the access log. */
  studentId: string | null;
  total: string;
};

@Injectable()
export class UsersService {
  constructor(
    private readonly db: DataSource,
    private readonly invitations: InvitationsService,
    private readonly sessions: SessionRegistry,
    private readonly accessLog: AccessLogService,
  ) {}

  /** Inserts an account without a password, inside the caller's transaction. */
  async createUser(manager: EntityManager, input: NewUser): Promise<User> {
    const email = input.email.trim().toLowerCase();
    const organisationKind = await this.checkRoleOrganisation(
      manager,
      input.role,
      input.organisationId,
    );
    if (await manager.existsBy(User, { email })) throw new EmailTakenError();
    const user = manager.create(User, {
      email,
      displayName: input.displayName,
      role: input.role,
      organisationId: input.organisationId,
      organisationKind,
      language: input.language ?? 'da',
    });
    try {
      return await manager.save(user);
    } catch (error) {
      // Taken meanwhile by a concurrent request: the same answer as above.
      if (error instanceof QueryFailedError && isEmailUniqueViolation(error)) {
        throw new EmailTakenError();
      }
      throw error;
    }
  }

  /**
   * A student's account follows their profile (name and language), inside the caller's
   * transaction; an undefined field is left as it is.
   */
  async updateStudentAccount(
    manager: EntityManager,
    userId: string,
    changes: { displayName?: string; language?: User['language'] },
  ): Promise<void> {
    await manager.update(User, userId, {
      ...(changes.language !== undefined ? { language: changes.language } : {}),
      ...(changes.displayName !== undefined ? { displayName: changes.displayName } : {}),
      updatedAt: new Date(),
    });
  }

  /**
   * A student's account follows them to a new school's enrolment. The database raises the
   * account's session version (its organisation changed), so older tokens end.
   */
  async moveStudentAccount(manager: EntityManager, userId: string, schoolId: string) {
    await manager.query(
      `UPDATE users SET organisation_id = $2, organisation_kind = 'school', updated_at = now()
        WHERE id = $1 AND role = 'student'`,
      [userId, schoolId],
    );
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
    const [row]: AdminUserRow[] = await this.db.query(`${ADMIN_VIEW_SQL} WHERE u.id = $1`, [id]);
    return { user: toAdminView(row), invitationToken };
  }

  /** Accounts for an admin; the students among them are recorded in the access log. */
  async list(
    caller: AccessActor,
    filter: UserFilter,
    purpose = 'GET /api/admin/users',
  ): Promise<{ items: AdminUserView[]; total: number }> {
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
    await this.recordStudents(caller, purpose, rows);
    return { items: rows.map(toAdminView), total: Number(rows[0]?.total ?? 0) };
  }

  /** One account as an admin sees it, recorded in the access log when it is a student's. */
  async adminView(caller: AccessActor, id: string, purpose: string): Promise<AdminUserView> {
    const [row]: AdminUserRow[] = await this.db.query(`${ADMIN_VIEW_SQL} WHERE u.id = $1`, [id]);
    if (!row) throw new NotFoundError('User', id);
    await this.recordStudents(caller, purpose, [row]);
    return toAdminView(row);
  }

  private recordStudents(caller: AccessActor, purpose: string, rows: AdminUserRow[]) {
    const studentIds = rows.flatMap((row) => (row.studentId ? [row.studentId] : []));
    return this.accessLog.recordList(caller, purpose, studentIds, STUDENT_ACCOUNT_FIELDS);
  }

  async update(caller: AccessActor, id: string, changes: UserChanges): Promise<AdminUserView> {
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
    // A new role or organisation ends the account's sessions (the database raised its version).
    this.sessions.forget(id);
    return this.adminView(caller, id, 'PATCH /api/admin/users/:id');
  }

  /**
   * Deactivates (every session ends, signing in is refused) or reactivates a staff account.
   * Admins cannot deactivate themselves, so the alliance keeps at least the admin doing it.
   */
  async setActive(caller: AccessActor, id: string, active: boolean): Promise<AdminUserView> {
    await this.db.transaction(async (manager) => {
      const user = await manager.findOne(User, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!user) throw new NotFoundError('User', id);
      if (user.role === 'student') throw new StudentAccountError();
      if (!active && id === caller.id) {
        throw new ConflictError('You cannot deactivate your own account', {
          code: 'account.deactivate_self',
        });
      }
      if (active === (user.deactivatedAt === null)) return;
      await manager.update(User, id, {
        deactivatedAt: active ? null : new Date(),
        updatedAt: new Date(),
      });
    });
    this.sessions.forget(id);
    const purpose = `POST /api/admin/users/:id/${active ? 'reactivate' : 'deactivate'}`;
    return this.adminView(caller, id, purpose);
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
    active: row.active,
    lastLoginAt: row.lastLoginAt,
    createdAt: row.createdAt,
  };
}

/** A search text used inside LIKE, with its wildcards taken literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function isEmailUniqueViolation(error: QueryFailedError): boolean {
  const driverError = error.driverError as { code?: string; constraint?: string };
  return driverError.code === '23505' && driverError.constraint === 'users_email_unique';
}
