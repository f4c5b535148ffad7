import { FormEvent, useEffect, useState } from 'react';
import { api, ApiError, read } from '../api/client';
import type { FollowUpForm } from '../api/types';
import { guardianToken } from '../guardian/guardian-consent-page';
import { wordError } from '../i18n/error-texts';
import { useI18n } from '../i18n/i18n';
import { ErrorMessage, Loading, Notice } from '../ui/messages';
import { Page } from '../ui/page';

const SITUATIONS = [
  'alliance_member',
  'kalundborg',
  'region_sjaelland',
  'elsewhere',
  'studying',
  'other',
] as const;
type Situation = (typeof SITUATIONS)[number];

/**
 * The one-click follow-up ("where are you now?") a former intern opens from their e-mail,
 * without signing in; the single-use token is in the address's fragment.
 */
export function FollowUpPage({ token }: { token: string }) {
  const { t, language } = useI18n();
  const [form, setForm] = useState<FollowUpForm>();
  const [loading, setLoading] = useState(Boolean(token));
  const [error, setError] = useState<unknown>();
  const [situation, setSituation] = useState<Situation>();
  const [organisationId, setOrganisationId] = useState('');
  const [studyProgramme, setStudyProgramme] = useState('');
  const [studySchool, setStudySchool] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  useEffect(() => {
    if (!token) return;
    read<FollowUpForm>(api.POST('/api/follow-ups/form', { body: { token } }))
      .then(setForm, setError)
      .finally(() => setLoading(false));
  }, [token]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!situation) return;
    setBusy(true);
    setError(undefined);
    try {
      await read(
        api.POST('/api/follow-ups/answer', {
          body: {
            token,
            situation,
            ...(situation === 'alliance_member' ? { organisationId } : {}),
            ...(situation === 'studying' && studyProgramme.trim()
              ? { studyProgramme: studyProgramme.trim() }
              : {}),
            ...(situation === 'studying' && studySchool.trim()
              ? { studySchool: studySchool.trim() }
              : {}),
          },
        }),
      );
      setDone(true);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const linkError =
    !token ||
    (error instanceof ApiError && [404].includes(error.status)) ||
    (!form && error instanceof ApiError && error.status === 400)
      ? t('followUp.invalid')
      : error instanceof ApiError && error.status === 409
        ? t('followUp.closed')
        : null;
  return (
    <Page title={t('followUp.title')}>
      {loading && <Loading />}
      {linkError ? (
        <div role="alert" className="message error">
          <p>{linkError}</p>
          {error instanceof ApiError && error.body && wordError(language, error.body) && (
            <p className="detail">{wordError(language, error.body)}</p>
          )}
        </div>
      ) : (
        <ErrorMessage error={error} />
      )}
      {done && <Notice>{t('followUp.thanks')}</Notice>}
      {form && !done && !linkError && (
        <form className="card" onSubmit={(event) => void submit(event)}>
          <p>{t('followUp.intro', { months: String(form.months) })}</p>
          <fieldset>
            <legend>{t('followUp.question')}</legend>
            {SITUATIONS.map((value) => (
              <label key={value} className="choice">
                <input
                  type="radio"
                  name="situation"
                  value={value}
                  checked={situation === value}
                  onChange={() => setSituation(value)}
                />{' '}
                {t(`followUp.situation.${value}`)}
              </label>
            ))}
          </fieldset>
          {situation === 'alliance_member' && (
            <label>
              {t('followUp.member')}
              <select
                required
                value={organisationId}
                onChange={(event) => setOrganisationId(event.target.value)}
              >
                <option value="">{t('followUp.chooseMember')}</option>
                {form.members.map((member) => (
                  <option key={member.id} value={member.id}>
                    {member.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          {situation === 'studying' && (
            <>
              <label>
                {t('followUp.studyProgramme')}
                <input
                  maxLength={200}
                  value={studyProgramme}
                  onChange={(event) => setStudyProgramme(event.target.value)}
                />
              </label>
              <label>
                {t('followUp.studySchool')}
                <input
                  maxLength={200}
                  value={studySchool}
                  onChange={(event) => setStudySchool(event.target.value)}
                />
              </label>
            </>
          )}
          <p className="muted">{t('followUp.once')}</p>
          <div className="actions">
            <button type="submit" className="primary" disabled={!situation || busy}>
              {t('followUp.send')}
            </button>
          </div>
        </form>
      )}
    </Page>
  );
}

export const followUpToken = guardianToken;
