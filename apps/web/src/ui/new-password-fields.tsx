import { useId } from 'react';
import { useI18n } from '../i18n/i18n';

/** The api's shortest password (libs/accounts' policy); the form says so before sending. */
export const MIN_PASSWORD = 12;

/** Whether a new password and its repetition can be sent: long enough and the same twice. */
export function isNewPasswordReady(password: string, repeat: string): boolean {
  return password.length >= MIN_PASSWORD && password === repeat;
}

/**
 * A new password, the rule it must follow and the same again: the fields of the invitation, the
 * password-reset and the account pages. The rule turns into an error while the password is too
 * short, and a different repetition says so, each tied to its field for screen readers.
 */
export function NewPasswordFields({
  label,
  password,
  repeat,
  onPassword,
  onRepeat,
}: {
  label: string;
  password: string;
  repeat: string;
  onPassword: (value: string) => void;
  onRepeat: (value: string) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const tooShort = password.length > 0 && password.length < MIN_PASSWORD;
  const mismatch = repeat.length > 0 && repeat !== password;
  return (
    <>
      <label>
        {label}
        <input
          type="password"
          autoComplete="new-password"
          required
          minLength={MIN_PASSWORD}
          aria-describedby={`${id}-rule`}
          aria-invalid={tooShort}
          value={password}
          onChange={(e) => onPassword(e.target.value)}
        />
      </label>
      <p id={`${id}-rule`} className={tooShort ? 'field-error' : 'muted'}>
        {t('invitation.rule', { min: MIN_PASSWORD })}
      </p>
      <label>
        {t('invitation.repeat')}
        <input
          type="password"
          autoComplete="new-password"
          required
          aria-invalid={mismatch}
          aria-describedby={mismatch ? `${id}-mismatch` : undefined}
          value={repeat}
          onChange={(e) => onRepeat(e.target.value)}
        />
      </label>
      {mismatch && (
        <p id={`${id}-mismatch`} className="field-error">
          {t('invitation.mismatch')}
        </p>
      )}
    </>
  );
}
