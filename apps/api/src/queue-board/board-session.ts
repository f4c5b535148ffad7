import { createHmac, timingSafeEqual } from 'node:crypto';

/** The cookie that lets a browser open the queue board; only sent to the board's own path. */
export const BOARD_COOKIE = 'queue_board';
export const BOARD_PATH = '/admin/queues';
export const BOARD_SESSION_SECONDS = 15 * 60;

/**
 * A short-lived proof that an admin opened a board session: `<userId>.<expiry>.<signature>`,
 * an HMAC under the server secret. Unlike the bearer token it lasts minutes, not hours, and is
 * useless anywhere but the board.
 */
export function signBoardSession(secret: string, userId: string, now = Date.now()): string {
  const expiry = Math.floor(now / 1000 + BOARD_SESSION_SECONDS).toString(36);
  return `${userId}.${expiry}.${signature(secret, userId, expiry)}`;
}

/** The admin's user id for a valid, unexpired session; null for anything else. */
export function verifyBoardSession(secret: string, value: string, now = Date.now()): string | null {
  const [userId, expiry, given, ...rest] = value.split('.');
  if (!userId || !expiry || !given || rest.length > 0) return null;
  const expected = Buffer.from(signature(secret, userId, expiry));
  const actual = Buffer.from(given);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
  return parseInt(expiry, 36) * 1000 > now ? userId : null;
}

/** One cookie's value from a Cookie header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

function signature(secret: string, userId: string, expiry: string): string {
  return createHmac('sha256', secret).update(`queue-board:${userId}:${expiry}`).digest('base64url');
}
