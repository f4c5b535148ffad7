import { guardianTokenHash, newGuardianToken } from './guardian-links';

/**
 * The single-use links of follow-up e-mails ("where are you now?"), made like a guardian's: 32
 * random bytes drawn when the e-mail is delivered, only their SHA-256 stored (`follow_ups`), the
 * token itself in the URL's fragment so it never reaches a request log.
 */
export const newFollowUpToken = newGuardianToken;
export const followUpTokenHash = guardianTokenHash;

export function followUpLink(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/follow-up#token=${token}`;
}
