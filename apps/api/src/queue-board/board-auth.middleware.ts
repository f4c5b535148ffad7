import { AccountsService } from '@app/accounts';
import { AppConfig } from '@app/config';
import { NextFunction, Request, Response } from 'express';
import { BOARD_COOKIE, readCookie, verifyBoardSession } from './board-session';

type Middleware = (request: Request, response: Response, next: NextFunction) => void;

/**
 * Guards the queue board, which is a browser page outside the api's guard: an admin's bearer
 * token, or the board session cookie set by POST /api/admin/queues/session. Anyone else gets
 * 401 (not signed in) or 403 (not an admin).
 */
export function boardAuth(accounts: AccountsService, config: AppConfig): Middleware {
  return (request, response, next) => {
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    const session = readCookie(request.headers.cookie, BOARD_COOKIE);
    if (session && verifyBoardSession(config.JWT_SECRET, session)) return next();
    if (scheme !== 'Bearer' || !token) return deny(response, 401, 'Sign in first');
    accounts.verifyToken(token).then(
      (user) => (user.role === 'admin' ? next() : deny(response, 403, 'Your role may not do this')),
      () => deny(response, 401, 'The sign-in is invalid or has expired'),
    );
  };
}

function deny(response: Response, status: 401 | 403, message: string): void {
  const error = status === 401 ? 'Unauthorized' : 'Forbidden';
  response.status(status).json({ statusCode: status, message, error });
}
