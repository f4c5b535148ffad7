import { AccountsService } from '@app/accounts';
import { Role } from '@app/database';
import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthenticatedRequest, IS_PUBLIC, ROLES } from './auth.decorators';

/**
 * Global guard: a route is closed unless marked @Public(). The bearer token must be a valid
 * HS256 JWT of ours (no `alg: none`, no other key) of a session that is still live: the account
 * exists, is active and has not changed role, organisation or password since (checked in
 * memory, see SessionRegistry). @Roles() then limits who may call it, by the current role.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly accounts: AccountsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme !== 'Bearer' || !token) throw new UnauthorizedException('Sign in first');
    // A token that fails, or whose account changed since, is a SessionEndedError (401); a
    // database that cannot be asked is a 503, never a 401 that would sign the user out.
    request.user = await this.accounts.verifyToken(token);

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(request.user.role)) {
      throw new ForbiddenException('Your role may not do this');
    }
    return true;
  }
}
