import { FormEvent, useState } from 'react';
import { api, ApiError, read } from '../api/client';
import { Link } from '../app/router';
import { useI18n } from '../i18n/i18n';
import { ErrorMessage } from '../ui/messages';
import { Page } from '../ui/page';
import { isNewPasswordReady, NewPasswordFields } from '../ui/new-password-fields';

/** "Forgotten password": the answer is the same whether or not the address has an account. */
export function ForgotPasswordPage() {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [sentTo, setSentTo] = useState<string>();
  const [error, setError] = useState<unknown>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await read(api.POST('/api/auth/forgot-password', { body: { email: email.trim() } }));
      setSentTo(email.trim());
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={t('forgot.title')} intro={sentTo ? undefined : t('forgot.intro')}>
      {sentTo ? (
        <p role="status" className="message ok">
          {t('forgot.sent', { email: sentTo })}
        </p>
      ) : (
        <form className="card narrow" onSubmit={submit} noValidate>
          <ErrorMessage error={error} />
          <label>
            {t('signIn.email')}
            <input
              type="email"
              name="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          </label>
          <button type="submit" className="primary" disabled={busy || !email.trim()}>
            {busy ? t('forgot.busy') : t('forgot.submit')}
          </button>
        </form>
      )}
      <p>
        <Link to="/sign-in">{t('forgot.back')}</Link>
      </p>
    </Page>
  );
}

/** The page of the reset e-mail's link: a new password, twice. */
export function ResetPasswordPage({ token }: { token: string }) {
  const { t } = useI18n();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<unknown>();
  const linkSpent = error instanceof ApiError && error.code === 'auth.invalid_reset_token';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!isNewPasswordReady(password, repeat)) return;
    setBusy(true);
    setError(undefined);
    try {
      await read(api.POST('/api/auth/reset-password', { body: { token, password } }));
      setDone(true);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  if (!token || done) {
    return (
      <Page title={t('reset.title')}>
        <p role={done ? 'status' : 'alert'} className={`message ${done ? 'ok' : 'error'}`}>
          {done ? t('reset.done') : t('reset.noToken')}
        </p>
        <Link to={done ? '/sign-in' : '/forgot-password'} className="button primary">
          {done ? t('signIn.submit') : t('reset.again')}
        </Link>
      </Page>
    );
  }
  return (
    <Page title={t('reset.title')} intro={t('reset.intro')}>
      <form className="card narrow" onSubmit={submit} noValidate>
        <ErrorMessage error={error} />
        {linkSpent && <Link to="/forgot-password">{t('reset.again')}</Link>}
        <NewPasswordFields
          label={t('invitation.password')}
          password={password}
          repeat={repeat}
          onPassword={setPassword}
          onRepeat={setRepeat}
        />
        <button
          type="submit"
          className="primary"
          disabled={busy || !isNewPasswordReady(password, repeat)}
        >
          {t('invitation.submit')}
        </button>
      </form>
    </Page>
  );
}
