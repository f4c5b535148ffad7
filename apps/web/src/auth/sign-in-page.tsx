import { FormEvent, useState } from 'react';
import { api, ApiError, read } from '../api/client';
import { Link, navigate } from '../app/router';
import { useI18n } from '../i18n/i18n';
import { ErrorMessage } from '../ui/messages';
import { isNewPasswordReady, NewPasswordFields } from '../ui/new-password-fields';
import { Page } from '../ui/page';
import { sessionExpired, useSession } from './session';

export function SignInPage() {
  const { t } = useI18n();
  const { signIn } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  // Read once: the server ended the session, and what was being saved waits for this sign-in.
  const [expired] = useState(sessionExpired);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await signIn(email.trim(), password);
      navigate(safeNext(new URLSearchParams(window.location.search).get('next')), {
        replace: true,
      });
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  const wrong = error instanceof ApiError && error.status === 401;
  return (
    <Page title={t('signIn.title')} intro={t('signIn.intro')}>
      <form className="card narrow" onSubmit={submit} noValidate>
        {expired && !error && (
          <p role="status" className="message info">
            {t('signIn.expired')}
          </p>
        )}
        {wrong ? (
          <p role="alert" className="message error">
            {t('signIn.wrong')}
          </p>
        ) : (
          <ErrorMessage error={error} />
        )}
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
        <label>
          {t('signIn.password')}
          <input
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <button type="submit" className="primary" disabled={busy || !email || !password}>
          {busy ? t('signIn.busy') : t('signIn.submit')}
        </button>
        <p>
          <Link to="/forgot-password">{t('signIn.forgot')}</Link>
        </p>
        <p className="muted">{t('signIn.newHere')}</p>
      </form>
    </Page>
  );
}

/** Only a path of this app: never another site ("//host", "https://…"). */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

/** A new password the api refused by its rules (codes `password.*`). */
export function isWeakPassword(error: unknown): boolean {
  return error instanceof ApiError && (error.code ?? '').startsWith('password.');
}

export function InvitationPage({ token }: { token: string }) {
  const { t } = useI18n();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<unknown>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!isNewPasswordReady(password, repeat)) return;
    setBusy(true);
    setError(undefined);
    try {
      await read(api.POST('/api/auth/accept-invitation', { body: { token, password } }));
      setDone(true);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  if (!token) {
    return (
      <Page title={t('invitation.title')}>
        <p role="alert" className="message error">
          {t('invitation.noToken')}
        </p>
      </Page>
    );
  }
  if (done) {
    return (
      <Page title={t('invitation.title')}>
        <p role="status" className="message ok">
          {t('invitation.done')}
        </p>
        <Link to="/sign-in" className="button primary">
          {t('signIn.submit')}
        </Link>
      </Page>
    );
  }
  return (
    <Page title={t('invitation.title')} intro={t('invitation.intro')}>
      <form className="card narrow" onSubmit={submit} noValidate>
        {isWeakPassword(error) ? (
          <p role="alert" className="message error">
            {t('invitation.weak')}
          </p>
        ) : error instanceof ApiError && [400, 404, 409].includes(error.status) ? (
          <p role="alert" className="message error">
            {t('invitation.invalid')}
          </p>
        ) : (
          <ErrorMessage error={error} />
        )}
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
