import { createHash } from 'node:crypto';
import { guardianLink, guardianTokenHash, newGuardianToken } from './guardian-links';
import { formatValue } from './templates/message-format';

describe("a guardian's one-time link", () => {
  it('draws a new 32-byte token each time and keeps only its SHA-256', () => {
    const first = newGuardianToken();
    const second = newGuardianToken();
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(first.token, 'base64url')).toHaveLength(32);
    expect(first.token).not.toBe(second.token);
    expect(first.hash).toEqual(createHash('sha256').update(first.token).digest());
    expect(guardianTokenHash(first.token)).toEqual(first.hash);
  });

  it('puts the token in the fragment of the web page, which browsers do not send', () => {
    expect(guardianLink('https://match.biotekbyen.dk/', 'abc')).toBe(
      'https://match.biotekbyen.dk/guardian-consent#token=abc',
    );
  });

  it("shows a slot's first and last day as dates in the reader's language", () => {
    expect(formatValue('2027-02-01', 'da')).toBe('1. februar 2027');
    expect(formatValue('2027-02-01', 'en')).toBe('1 February 2027');
  });
});
