import { SignedInUser } from '@app/accounts';
import { Role } from '@app/database';
import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Request } from 'express';

export const IS_PUBLIC = 'isPublic';
export const ROLES = 'roles';

/** A route anyone may call without signing in. Every other route requires a valid token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The roles that may call a route at all (403 for the others). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

export interface AuthenticatedRequest extends Request {
  user?: SignedInUser;
}

/** The signed-in caller, set by the AuthGuard. */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  const user = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
  if (!user) throw new Error('CurrentUser used on a public route');
  return user;
});
