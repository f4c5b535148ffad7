import { Role } from '@app/database';

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

/** A caller whose token was checked against the account as it is now. */
export interface SignedInUser extends AuthUser {
  /** This sign-in's id (the token's jti), ended by signing out. */
  sessionId: string;
  sessionVersion: number;
  sessionExpiresAt: Date;
}

export interface SessionClaims extends AccessTokenClaims {
  /** The account's session version when the token was issued. */
  sv: number;
  jti: string;
  exp: number;
}
