import { createHmac } from 'node:crypto';

/**
 * The token of an invitation, derived from its id under the server secret. The accounts side
 * stores only the token's SHA-256, as for any token; deriving it instead of drawing it at random
 * lets the invitation e-mail carry it without the token ever being stored anywhere (not in the
 * outbox, not in Redis, not in the database): the outbox holds only the invitation id.
 * Guessing a token still takes the secret; changing JWT_SECRET invalidates links still out.
 */
export function invitationToken(secret: string, invitationId: string): string {
  // The prefix keeps these apart from anything else signed with the same secret.
  return createHmac('sha256', secret).update(`invitation:${invitationId}`).digest('base64url');
}
