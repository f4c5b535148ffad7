import { signInvitationToken, verifyInvitationToken } from './invitation-links';

const SECRET = 'a-secret-of-at-least-thirty-two-characters';
const INVITATION = '3f0c7a52-4a3e-4c62-9d55-0b6d3c1f9e21';

describe('invitation tokens', () => {
  const expiresAt = new Date('2026-12-04T12:00:00Z');
  const token = signInvitationToken(SECRET, INVITATION, expiresAt);

  it('verifies to the invitation id before the expiry', () => {
    expect(verifyInvitationToken(SECRET, token, new Date('2026-12-01T00:00:00Z'))).toBe(INVITATION);
  });

  it('refuses an expired token, another secret and a changed id', () => {
    expect(verifyInvitationToken(SECRET, token, new Date('2026-12-05T00:00:00Z'))).toBeNull();
    expect(verifyInvitationToken(`${SECRET}!`, token, new Date('2026-12-01'))).toBeNull();
    const forged = token.replace(INVITATION, INVITATION.replace('3f', '4f'));
    expect(verifyInvitationToken(SECRET, forged, new Date('2026-12-01'))).toBeNull();
    expect(verifyInvitationToken(SECRET, 'not-a-token', new Date('2026-12-01'))).toBeNull();
  });
});
