import { createHmac, timingSafeEqual } from 'node:crypto';

/** The cookie that lets a browser open the queue board; only sent to the board's own path. */
export const BOARD_COOKIE = 'queue_board';
export const BOARD_PATH = '/admin/queues';
export const BOARD_SESSION_SECONDS = 15 * 60;

/** The admin's sign-in a board session belongs to: it ends when that sign-in ends. */
export interface BoardSession {
  userId: string;
  sessionId: string;
  sessionVersion: number;
  expiresAtMs: number;
}

/**
 * A short-lived proof that an admin opened a board session:
 * `<userId>.<sessionId>.<sessionVersion>.<expiry>.<signature>`, an HMAC under the server
 * secret. Unlike the bearer token it lasts minutes, not hours, and is useless anywhere but the
 * board; like it, it is checked against the account as it is now on every request.
 */
export function signBoardSession(
  secret: string,
  session: Omit<BoardSession, 'expiresAtMs'>,
  now = Date.now(),
): string {
  const expiry = Math.floor(now / 1000 + BOARD_SESSION_SECONDS).toString(36);
  const body = [session.userId, session.sessionId, session.sessionVersion.toString(36), expiry];
  return `${body.join('.')}.${signature(secret, body)}`;
}

/** The session of a well-signed, unexpired cookie; null for anything else. */
export function verifyBoardSession(
  secret: string,
  value: string,
  now = Date.now(),
): BoardSession | null {
  const parts = value.split('.');
  if (parts.length !== 5 || parts.some((part) => part === '')) return null;
  const body = parts.slice(0, 4);
  const expected = Buffer.from(signature(secret, body));
  const actual = Buffer.from(parts[4]);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
  const [userId, sessionId, version, expiry] = body;
  const expiresAtMs = parseInt(expiry, 36) * 1000;
  if (!(expiresAtMs > now)) return null;
  return { userId, sessionId, sessionVersion: parseInt(version, 36), expiresAtMs };
}

/** One cookie's value from a Cookie header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

function signature(secret: string, body: string[]): string {
  return createHmac('sha256', secret)
    .update(`queue-board:${body.join(':')}`)
    .digest('base64url');
}
