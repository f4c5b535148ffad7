import { invitationToken } from './invitation-links';

const SECRET = 'a-secret-of-at-least-thirty-two-characters';
const INVITATION = '3f0c7a52-4a3e-4c62-9d55-0b6d3c1f9e21';

describe('invitationToken', () => {
  it('is the same for the same invitation, so the e-mail can carry it later', () => {
    expect(invitationToken(SECRET, INVITATION)).toBe(invitationToken(SECRET, INVITATION));
    expect(invitationToken(SECRET, INVITATION)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('differs per invitation and per secret', () => {
    const other = INVITATION.replace('3f', '4f');
    expect(invitationToken(SECRET, other)).not.toBe(invitationToken(SECRET, INVITATION));
    expect(invitationToken(`${SECRET}!`, INVITATION)).not.toBe(invitationToken(SECRET, INVITATION));
  });
});
