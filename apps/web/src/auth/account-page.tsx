import { FormEvent, useState } from 'react';
import { api, ApiError, read } from '../api/client';
import type { EmailSetting, EmailSettings, LoginResult } from '../api/types';
import { navigate } from '../app/router';
import { useI18n } from '../i18n/i18n';
import { ErrorMessage, Loading, Notice } from '../ui/messages';
import { Page, Section } from '../ui/page';
import { useLoad } from '../ui/use-load';
import { useSession } from './session';
import { isNewPasswordReady, NewPasswordFields } from '../ui/new-password-fields';
import { isWeakPassword } from './sign-in-page';

/** Every role's own account: change the password, sign out everywhere. */
export function AccountPage() {
  const { t } = useI18n();
  return (
    <Page title={t('account.title')} intro={t('account.intro')}>
      <Section title={t('account.password')}>
        <ChangePassword />
      </Section>
      <Section title={t('account.emails')}>
        <EmailSettingsForm />
      </Section>
      <Section title={t('account.everywhere')}>
        <SignOutEverywhere />
      </Section>
    </Page>
  );
}

function ChangePassword() {
  const { t } = useI18n();
  const { keep } = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<unknown>();
  const ready = current.length > 0 && isNewPasswordReady(next, repeat);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    setBusy(true);
    setError(undefined);
    setDone(false);
    try {
      const result = await read<LoginResult>(
        api.POST('/api/auth/change-password', {
          body: { currentPassword: current, newPassword: next },
        }),
      );
      // Every other sign-in has ended; this browser goes on with the new token.
      await keep(result.accessToken);
      setCurrent('');
      setNext('');
      setRepeat('');
      setDone(true);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const wrongCurrent = error instanceof ApiError && error.code === 'auth.wrong_current_password';
  return (
    <form className="stack narrow" onSubmit={submit} noValidate>
      {done && <Notice>{t('account.changed')}</Notice>}
      {wrongCurrent ? (
        <p role="alert" className="message error">
          {t('account.wrongCurrent')}
        </p>
      ) : isWeakPassword(error) ? (
        <p role="alert" className="message error">
          {t('invitation.weak')}
        </p>
      ) : (
        <ErrorMessage error={error} />
      )}
      <label>
        {t('account.current')}
        <input
          type="password"
          autoComplete="current-password"
          required
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
        />
      </label>
      <NewPasswordFields
        label={t('account.new')}
        password={next}
        repeat={repeat}
        onPassword={setNext}
        onRepeat={setRepeat}
      />
      <button type="submit" className="primary" disabled={busy || !ready}>
        {t('account.change')}
      </button>
    </form>
  );
}

function SignOutEverywhere() {
  const { t } = useI18n();
  const { signOut } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await read(api.POST('/api/auth/logout-all'));
      await signOut();
      navigate('/sign-in');
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  return (
    <div className="stack">
      <p>{t('account.everywhereIntro')}</p>
      <ErrorMessage error={error} />
      <button type="button" onClick={() => void submit()} disabled={busy}>
        {t('account.everywhereSubmit')}
      </button>
    </div>
  );
}

const loadEmailSettings = () => read<EmailSettings>(api.GET('/api/me/email-settings'));

/**
 * Which e-mails the user gets. Offers, deadlines and the account's own messages are shown
 * checked and cannot be changed; the in-app messages come whatever is chosen here.
 */
function EmailSettingsForm() {
  const { t } = useI18n();
  const settings = useLoad(loadEmailSettings, []);
  const [chosen, setChosen] = useState<Record<string, boolean>>({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<unknown>();

  const isOn = (setting: EmailSetting) => chosen[setting.topic] ?? setting.email;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!settings.data) return;
    setBusy(true);
    setError(undefined);
    setDone(false);
    try {
      const topics = settings.data.topics
        .filter((setting) => setting.optional)
        .map((setting) => ({ topic: setting.topic, email: isOn(setting) }));
      settings.set(
        await read<EmailSettings>(api.PUT('/api/me/email-settings', { body: { topics } })),
      );
      setChosen({});
      setDone(true);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  if (settings.loading && !settings.data) return <Loading />;
  if (!settings.data) return <ErrorMessage error={settings.error} />;
  return (
    <form className="stack narrow" onSubmit={submit}>
      <p>{t('account.emailsIntro')}</p>
      {done && <Notice>{t('account.emailsSaved')}</Notice>}
      <ErrorMessage error={error} />
      <fieldset className="stack">
        <legend>{t('account.emailsLegend')}</legend>
        {settings.data.topics.map((setting) => (
          <label key={setting.topic} className="checkbox">
            <input
              type="checkbox"
              checked={isOn(setting)}
              disabled={!setting.optional}
              onChange={(e) => setChosen({ ...chosen, [setting.topic]: e.target.checked })}
            />{' '}
            {t(`account.emailTopic.${setting.topic}`)}
            {!setting.optional && <span className="muted"> {t('account.emailsAlways')}</span>}
          </label>
        ))}
      </fieldset>
      <button type="submit" className="primary" disabled={busy}>
        {t('account.emailsSave')}
      </button>
    </form>
  );
}
