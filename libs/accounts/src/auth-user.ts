import { Role } from './user.entity';

/** Who is calling, as carried in the access token: enough to scope every query. */
export interface AuthUser {
  id: string;
  role: Role;
  /** The school of a student or coordinator, the host of a reviewer; null for admins. */
  organisationId: string | null;
  /** The student profile of a student; null for other roles. */
  studentId: string | null;
}

export interface AccessTokenClaims {
  sub: string;
  role: Role;
  org: string | null;
  sid: string | null;
}
