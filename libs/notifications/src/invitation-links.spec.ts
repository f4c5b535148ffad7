import { drawInvitationToken, hashInvitationToken } from './invitation-links';

describe('drawInvitationToken', () => {
  it('draws a new 256-bit token each time and gives its SHA-256', () => {
    const first = drawInvitationToken();
    const second = drawInvitationToken();
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(second.token).not.toBe(first.token);
    expect(first.hash).toBe(hashInvitationToken(first.token));
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
  });
});
