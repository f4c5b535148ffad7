import { dictionary } from '@zxcvbn-ts/language-common';
import { ErrorCode, InvalidInputError } from '@app/errors';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 200;

/** About 49,000 of the passwords seen most often in breaches, from the zxcvbn-ts project. */
let common: ReadonlySet<string> | undefined;
const commonPasswords = () =>
  (common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase())));

/** Words of this service that make a password easy to guess here. */
const SERVICE_WORDS = ['biotekbyen', 'biotekbyenmatch', 'kalundborg', 'praktikplads'];

export type PasswordProblemCode = Extract<ErrorCode, `password.${string}`>;

export class WeakPasswordError extends InvalidInputError {
  constructor(reason: string, code: PasswordProblemCode, field = 'password') {
    super(`${field}: ${reason}`, { code, field });
  }
}

/**
 * ASVS 5.0 chapter 6 and NIST SP 800-63B: at least 12 characters (a passphrase of a few
 * words is fine), up to 200, any characters, no composition rules; refused when it is one of
 * the common or breached passwords, a run of one or two repeated characters or a sequence
 * (`aaaaaaaaaaaa`, `abababababab`, `123456789012`), or the user's e-mail or this service's name.
 * Returns the reason it is refused, or null.
 */
export function passwordProblem(password: string, context: { email?: string } = {}): string | null {
  return findPasswordProblem(password, context)?.reason ?? null;
}

function findPasswordProblem(
  password: string,
  context: { email?: string },
): { code: PasswordProblemCode; reason: string } | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) {
    return {
      code: 'password.too_short',
      reason: `use at least ${MIN_PASSWORD_LENGTH} characters; a few words together are easy to remember`,
    };
  }
  if (length > MAX_PASSWORD_LENGTH) {
    return { code: 'password.too_long', reason: `use at most ${MAX_PASSWORD_LENGTH} characters` };
  }
  const folded = password.normalize('NFKC').toLowerCase();
  const bare = folded.replace(/[\s\p{P}\p{S}]+/gu, '');
  if (commonPasswords().has(folded) || commonPasswords().has(bare)) {
    return {
      code: 'password.common',
      reason: 'this password is one of the most common ones and is guessed first; choose another',
    };
  }
  if (new Set(bare).size <= 2 || isSequence(bare)) {
    return {
      code: 'password.predictable',
      reason: 'repeated or consecutive characters are guessed first; choose another',
    };
  }
  const local = context.email
    ?.split('@')[0]
    ?.toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
  const guessable = [...SERVICE_WORDS, ...(local && local.length >= 4 ? [local] : [])];
  if (guessable.some((word) => bare === word || bare.replace(/\d+$/, '') === word)) {
    return {
      code: 'password.personal',
      reason: 'do not use your e-mail or the name of this service; choose another',
    };
  }
  return null;
}

/** `field` names the request's field in the error (`password`, `newPassword`). */
export function assertPasswordAllowed(
  password: string,
  context: { email?: string } = {},
  field = 'password',
): void {
  const problem = findPasswordProblem(password, context);
  if (problem) throw new WeakPasswordError(problem.reason, problem.code, field);
}

/** Every step the same (+1, -1 or 0) in code points: 123456789012 counts, wrapping 9 to 0. */
function isSequence(text: string): boolean {
  const codes = [...text].map((c) => c.codePointAt(0) ?? 0);
  const steps = new Set<number>();
  for (let i = 1; i < codes.length; i++) {
    const step = codes[i] - codes[i - 1];
    steps.add(step === -9 && /\d/.test(text[i]) ? 1 : step === 9 && /\d/.test(text[i]) ? -1 : step);
  }
  return steps.size === 1 && [...steps].every((s) => Math.abs(s) <= 1);
}
