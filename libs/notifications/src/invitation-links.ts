import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Invitation links carry `<invitationId>.<expiry>.<signature>`: an HMAC under the server's
 * secret, made when the e-mail is sent. So no usable token is ever stored (not in the outbox
 * payload, not in Redis, not in the database); the outbox holds only the invitation id and its
 * expiry. Single use is the invitation's business: accepting it must mark the invitation used.
 * Changing JWT_SECRET invalidates links that are still out.
 */
export function signInvitationToken(secret: string, invitationId: string, expiresAt: Date): string {
  const expiry = Math.floor(expiresAt.getTime() / 1000).toString(36);
  return `${invitationId}.${expiry}.${signature(secret, invitationId, expiry)}`;
}

/** The invitation id of a valid, unexpired token; null for anything else. */
export function verifyInvitationToken(
  secret: string,
  token: string,
  now: Date = new Date(),
): string | null {
  const [invitationId, expiry, given, ...rest] = token.split('.');
  if (!invitationId || !expiry || !given || rest.length > 0) return null;
  const expected = Buffer.from(signature(secret, invitationId, expiry));
  const actual = Buffer.from(given);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
  return parseInt(expiry, 36) * 1000 > now.getTime() ? invitationId : null;
}

function signature(secret: string, invitationId: string, expiry: string): string {
  // The prefix keeps these signatures apart from anything else signed with the same secret.
  return createHmac('sha256', secret)
    .update(`invitation-link:${invitationId}:${expiry}`)
    .digest('base64url');
}
