import { LinkTokenIssuers } from './link-tokens';

const request = { payload: { invitationId: 'i-1' }, guardianConsentId: null };

describe('LinkTokenIssuers', () => {
  it('asks the issuer registered for a kind', async () => {
    const issuers = new LinkTokenIssuers();
    issuers.register(
      'invitation',
      async ({ payload }) => `token-for-${String(payload.invitationId)}`,
    );
    await expect(issuers.issue('invitation', request)).resolves.toBe('token-for-i-1');
  });

  it('refuses a second issuer for the same kind', () => {
    const issuers = new LinkTokenIssuers();
    issuers.register('password-reset', async () => 'a');
    expect(() => issuers.register('password-reset', async () => 'b')).toThrow(/password-reset/);
  });

  it('names every kind without an issuer when verified', () => {
    const issuers = new LinkTokenIssuers();
    issuers.register('invitation', async () => 'a');
    expect(() => issuers.verify()).toThrow(/password-reset, guardian-consent, follow-up/);
    issuers.register('password-reset', async () => 'b');
    issuers.register('guardian-consent', async () => null);
    issuers.register('follow-up', async () => null);
    expect(() => issuers.verify()).not.toThrow();
  });
});
