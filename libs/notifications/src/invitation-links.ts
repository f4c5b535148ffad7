import { createHash, randomBytes } from 'node:crypto';

/**
 * Invitation tokens are 256 random bits, drawn when the invitation is created (returned once to
 * whoever created the account) and again when the worker sends the invitation e-mail; only their
 * SHA-256 is stored (invitations.token_hash and mail_token_hash), so neither the database, the
 * outbox nor the server's secret lets anyone compute a valid link.
 */
export function drawInvitationToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashInvitationToken(token) };
}

export function hashInvitationToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
