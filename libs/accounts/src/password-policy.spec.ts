import { passwordProblem } from './password-policy';

describe('passwordProblem', () => {
  it.each([
    ['1234567890', /at least 12/],
    ['aaaaaaaaaa', /at least 12/],
    ['short', /at least 12/],
    ['123456789012', /common|consecutive/],
    ['passwordpassword', /common/],
    ['aaaaaaaaaaaa', /repeated/],
    ['abababababab', /repeated/],
    ['abcdefghijklm', /consecutive/],
    ['Biotekbyen2026', /service/],
    ['x'.repeat(201), /at most 200/],
  ])('refuses %j', (password, reason) => {
    expect(passwordProblem(password)).toMatch(reason);
  });

  it('refuses the e-mail of the account', () => {
    expect(passwordProblem('freja.nielsen', { email: 'freja.nielsen@skole.dk' })).toMatch(/e-mail/);
  });

  it.each([
    'correct horse battery staple',
    'a good long password',
    'kalundborg-demo-2027',
    'fjord i morgen',
    'Æblegrød med fløde',
  ])('accepts %j, without composition rules', (password) => {
    expect(passwordProblem(password)).toBeNull();
  });
});
