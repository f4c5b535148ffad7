import { AccountsService, SessionEndedError, SignedInUser } from '@app/accounts';
import { AppConfig } from '@app/config';
import { NextFunction, Request, Response } from 'express';
import { BOARD_COOKIE, readCookie, verifyBoardSession } from './board-session';

type Middleware = (request: Request, response: Response, next: NextFunction) => void;

/**
 * Guards the queue board, which is a browser page outside the api's guard: an admin's bearer
 * token, or the board session cookie set by POST /api/admin/queues/session. Either is checked
 * against the account as it is now, like every sign-in: a demoted, deactivated or signed-out
 * admin's cookie stops working at once. Anyone else gets 401 (not signed in) or 403 (not an
 * admin).
 */
export function boardAuth(accounts: AccountsService, config: AppConfig): Middleware {
  return (request, response, next) => {
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    const cookie = readCookie(request.headers.cookie, BOARD_COOKIE);
    const session = cookie ? verifyBoardSession(config.JWT_SECRET, cookie) : null;
    let caller: Promise<SignedInUser | null>;
    if (session) {
      caller = accounts.liveSession(
        session.userId,
        session.sessionId,
        session.sessionVersion,
        session.expiresAtMs,
      );
    } else if (scheme === 'Bearer' && token) {
      caller = accounts
        .verifyToken(token)
        .catch((error: unknown) =>
          error instanceof SessionEndedError ? null : Promise.reject(error),
        );
    } else {
      return deny(response, 401, 'Sign in first');
    }
    caller.then(
      (user) => {
        if (!user) return deny(response, 401, 'The sign-in is invalid or has expired');
        if (user.role !== 'admin') return deny(response, 403, 'Your role may not do this');
        next();
      },
      (error: unknown) => next(error),
    );
  };
}

function deny(response: Response, status: 401 | 403, message: string): void {
  const error = status === 401 ? 'Unauthorized' : 'Forbidden';
  response.status(status).json({ statusCode: status, message, error });
}
