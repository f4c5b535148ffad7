import { AppConfig } from '@app/config';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { InvalidCredentialsError } from './accounts.errors';
import { AccessTokenClaims, AuthUser } from './auth-user';
import { hashPassword, verifyPassword } from './passwords';
import { User } from './user.entity';

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

/** Verified against when the e-mail is unknown, so both failures take the same time. */
let decoyHash: Promise<string> | undefined;

@Injectable()
export class AccountsService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  async login(email: string, password: string): Promise<{ accessToken: string; user: UserView }> {
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
    if (!user || !user.passwordHash || !valid) throw new InvalidCredentialsError();

    await this.users.update(user.id, { lastLoginAt: () => 'now()' });
    const authUser: AuthUser = {
      id: user.id,
      role: user.role,
      organisationId: user.organisationId,
      studentId: (row.raw[0]?.student_id as string | undefined) ?? null,
    };
    return { accessToken: await this.issueToken(authUser), user: toUserView(user, authUser) };
  }

  issueToken(user: AuthUser): Promise<string> {
    const claims: AccessTokenClaims = {
      sub: user.id,
      role: user.role,
      org: user.organisationId,
      sid: user.studentId,
    };
    return this.jwt.signAsync(claims, { expiresIn: this.config.JWT_TTL_SECONDS });
  }

  /** Verifies signature, algorithm and expiry; throws on anything else. */
  async verifyToken(token: string): Promise<AuthUser> {
    const claims = await this.jwt.verifyAsync<AccessTokenClaims>(token, { algorithms: ['HS256'] });
    return { id: claims.sub, role: claims.role, organisationId: claims.org, studentId: claims.sid };
  }

  findById(id: string): Promise<User | null> {
    return this.users.findOneBy({ id });
  }
}
