import { createHash, randomBytes } from 'node:crypto';

/**
 * The one-time links a guardian answers through. Each token is 32 random bytes, drawn when the
 * message is delivered and written only into that message: the database keeps its SHA-256
 * (`guardian_consent_links`), the outbox and Redis never see it. Each message (a reminder, a
 * repeated send) carries a link of its own; all of them die when the request is answered or
 * its deadline passes, so each can be used once at most.
 */
export function newGuardianToken(): { token: string; hash: Buffer } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: guardianTokenHash(token) };
}

export function guardianTokenHash(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** The page of the web app the guardian opens; the token is in the fragment, never sent in logs. */
export function guardianLink(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/guardian-consent#token=${token}`;
}
