import { AppConfig } from '@app/config';
import { InvalidInputError, UnauthenticatedError } from '@app/errors';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, Repository } from 'typeorm';
import { InvalidCredentialsError } from './accounts.errors';
import { AccessTokenClaims, AuthUser, SessionClaims, SignedInUser } from './auth-user';
import { assertPasswordAllowed } from './password-policy';
import { hashPassword, verifyPassword } from './passwords';
import { SessionRegistry } from './session-registry';
import { User } from '@app/database';

/** What a user may see of their own account. */
export interface UserView {
  id: string;
  email: string;
  displayName: string;
  role: User['role'];
  language: User['language'];
  organisationId: string | null;
  studentId: string | null;
}

export function toUserView(user: User, auth: Pick<AuthUser, 'studentId'>): UserView {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    language: user.language,
    organisationId: user.organisationId,
    studentId: auth.studentId,
  };
}

/** One answer for every token that does not (or no longer) stand for a live sign-in. */
export class SessionEndedError extends UnauthenticatedError {
  constructor() {
    super('The sign-in is invalid or has expired', { code: 'auth.session_ended' });
  }
}

export class WrongCurrentPasswordError extends InvalidInputError {
  constructor() {
    super('currentPassword: this is not your current password', {
      code: 'auth.wrong_current_password',
      field: 'currentPassword',
    });
  }
}

export interface SignIn {
  accessToken: string;
  user: UserView;
}

/** Verified against when the e-mail is unknown, so both failures take the same time. */
let decoyHash: Promise<string> | undefined;

@Injectable()
export class AccountsService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly db: DataSource,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly sessions: SessionRegistry,
  ) {}

  /** A deactivated account gets the same answer as a wrong password. */
  async login(email: string, password: string): Promise<SignIn> {
    const row = await this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .leftJoin('students', 's', 's.user_id = u.id')
      .addSelect('s.id', 'student_id')
      .where('u.email = :email', { email: email.trim().toLowerCase() })
      .getRawAndEntities();
    const user = row.entities[0];
    const hash = user?.passwordHash ?? (await (decoyHash ??= hashPassword('decoy-password')));
    const valid = await verifyPassword(hash, password);
    if (!user || !user.passwordHash || !valid || user.deactivatedAt) {
      throw new InvalidCredentialsError();
    }

    await this.users.update(user.id, { lastLoginAt: () => 'now()' });
    const authUser: AuthUser = {
      id: user.id,
      role: user.role,
      organisationId: user.organisationId,
      studentId: (row.raw[0]?.student_id as string | undefined) ?? null,
    };
    return {
      accessToken: this.sign(authUser, Number(user.sessionVersion)),
      user: toUserView(user, authUser),
    };
  }

  /** A new sign-in for an account as it is now. */
  async issueToken(user: AuthUser): Promise<string> {
    const state = await this.sessions.current(user.id);
    if (!state || !state.active) throw new SessionEndedError();
    return this.sign(user, state.sessionVersion);
  }

  /**
   * Verifies signature, algorithm and expiry, then the account as it is now (remembered in
   * memory, see SessionRegistry): it must exist, be active, and be of the token's session
   * version, and this session must not have been ended. The role and organisation are the
   * account's current ones (a change of either raises the version, so they match the token's).
   * Throws SessionEndedError for any token that fails; database errors pass through.
   */
  async verifyToken(token: string): Promise<SignedInUser> {
    let claims: SessionClaims;
    try {
      claims = await this.jwt.verifyAsync<SessionClaims>(token, { algorithms: ['HS256'] });
    } catch {
      throw new SessionEndedError();
    }
    if (typeof claims.sv !== 'number' || typeof claims.jti !== 'string') {
      throw new SessionEndedError();
    }
    const user = await this.liveSession(claims.sub, claims.jti, claims.sv, claims.exp * 1000);
    if (!user) throw new SessionEndedError();
    return user;
  }

  /**
   * The caller of a session that is still live (see verifyToken), with the account's current
   * role and organisation; null when the account, its version or the session has ended.
   */
  async liveSession(
    userId: string,
    sessionId: string,
    sessionVersion: number,
    expiresAtMs: number,
  ): Promise<SignedInUser | null> {
    if (expiresAtMs <= Date.now()) return null;
    const state = await this.sessions.current(userId);
    if (
      !state ||
      !state.active ||
      state.sessionVersion !== sessionVersion ||
      state.endedSessions.has(sessionId)
    ) {
      return null;
    }
    return {
      id: userId,
      role: state.role,
      organisationId: state.organisationId,
      studentId: state.studentId,
      sessionId,
      sessionVersion,
      sessionExpiresAt: new Date(expiresAtMs),
    };
  }

  /** Ends this one sign-in; the account's other sign-ins go on. */
  async logout(user: SignedInUser): Promise<void> {
    await this.db.query(
      `INSERT INTO ended_sessions (session_id, user_id, expires_at) VALUES ($1, $2, $3)
       ON CONFLICT (session_id) DO NOTHING`,
      [user.sessionId, user.id, user.sessionExpiresAt],
    );
    // Ended sessions past their expiry are of no use: a few go with each sign-out.
    await this.db.query(
      `DELETE FROM ended_sessions WHERE session_id IN (
         SELECT session_id FROM ended_sessions WHERE expires_at < now() LIMIT 100)`,
    );
    this.sessions.forget(user.id);
  }

  /** Ends every sign-in of the account, this one included. */
  async logoutEverywhere(userId: string): Promise<void> {
    await this.db.query(`UPDATE users SET session_version = session_version + 1 WHERE id = $1`, [
      userId,
    ]);
    this.sessions.forget(userId);
  }

  /**
   * Sets a new password when the current one is given. Every sign-in of the account ends (the
   * database raises its session version); the caller gets a new one.
   */
  async changePassword(caller: AuthUser, current: string, next: string): Promise<SignIn> {
    const user = await this.db.transaction(async (manager) => {
      const found = await manager
        .createQueryBuilder(User, 'u')
        .addSelect('u.passwordHash')
        .setLock('pessimistic_write')
        .where('u.id = :id', { id: caller.id })
        .getOne();
      if (!found?.passwordHash || found.deactivatedAt) throw new SessionEndedError();
      if (!(await verifyPassword(found.passwordHash, current))) {
        throw new WrongCurrentPasswordError();
      }
      if (next === current) {
        throw new InvalidInputError('newPassword: choose a new password', {
          code: 'auth.same_password',
          field: 'newPassword',
        });
      }
      assertPasswordAllowed(next, { email: found.email });
      await manager.update(User, caller.id, {
        passwordHash: await hashPassword(next),
        updatedAt: new Date(),
      });
      return manager.findOneByOrFail(User, { id: caller.id });
    });
    this.sessions.forget(caller.id);
    const authUser: AuthUser = {
      id: user.id,
      role: user.role,
      organisationId: user.organisationId,
      studentId: caller.studentId,
    };
    return {
      accessToken: this.sign(authUser, Number(user.sessionVersion)),
      user: toUserView(user, authUser),
    };
  }

  findById(id: string): Promise<User | null> {
    return this.users.findOneBy({ id });
  }

  private sign(user: AuthUser, sessionVersion: number): string {
    const claims: AccessTokenClaims & { sv: number } = {
      sub: user.id,
      role: user.role,
      org: user.organisationId,
      sid: user.studentId,
      sv: sessionVersion,
    };
    return this.jwt.sign(claims, { expiresIn: this.config.JWT_TTL_SECONDS, jwtid: randomUUID() });
  }
}
