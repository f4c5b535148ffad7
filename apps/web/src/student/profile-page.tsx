import { FormEvent, useState } from 'react';
import { api, ApiError, read } from '../api/client';
import { FOCUS_AREAS, type FocusArea, type Language, type Student } from '../api/types';
import { useMe, useSession } from '../auth/session';
import { useI18n } from '../i18n/i18n';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { ErrorMessage, Notice } from '../ui/messages';
import { AccessLog } from './access-log';
import { FollowUpConsentSection } from './follow-up-consent';
import { Page, Section } from '../ui/page';

const LANGUAGES: Language[] = ['da', 'en', 'de'];

const splitList = (value: string) =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export function StudentProfilePage() {
  const { t, date } = useI18n();
  const me = useMe();
  const { reload } = useSession();
  const student = me.student as Student;
  const [skills, setSkills] = useState(student.skills.join(', '));
  const [interests, setInterests] = useState<FocusArea[]>(student.interests);
  const [languages, setLanguages] = useState<Language[]>(student.languages);
  const [motivation, setMotivation] = useState(student.motivation);
  const [availableFrom, setAvailableFrom] = useState(student.availableFrom);
  const [availableTo, setAvailableTo] = useState(student.availableTo);
  const [expectedCompletion, setExpectedCompletion] = useState(student.expectedCompletion ?? '');
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>();

  const toggle = <T,>(list: T[], value: T, on: boolean) =>
    on ? [...list, value] : list.filter((v) => v !== value);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setSaved(false);
    setError(undefined);
    try {
      await read<Student>(
        api.PATCH('/api/students/{id}', {
          params: { path: { id: student.id } },
          body: {
            skills: splitList(skills),
            interests,
            languages,
            motivation,
            availableFrom,
            availableTo,
            expectedCompletion: expectedCompletion || null,
          },
        }),
      );
      await reload();
      setSaved(true);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={t('profile.title')} intro={t('profile.intro')}>
      <Section title={t('profile.about')}>
        <dl className="facts">
          <div>
            <dt>{t('profile.name')}</dt>
            <dd>{student.fullName}</dd>
          </div>
          <div>
            <dt>{t('profile.school')}</dt>
            <dd>{student.school.name}</dd>
          </div>
          <div>
            <dt>{t('profile.programme')}</dt>
            <dd>{student.programme.name}</dd>
          </div>
          <div>
            <dt>{t('profile.birthDate')}</dt>
            <dd>{date(student.birthDate)}</dd>
          </div>
        </dl>
        <p className="muted">{t('profile.askCoordinator')}</p>
      </Section>
      <form className="card" onSubmit={submit} aria-label={t('profile.edit')}>
        <h2>{t('profile.edit')}</h2>
        <fieldset>
          <legend>{t('profile.interests')}</legend>
          {FOCUS_AREAS.map((area) => (
            <label key={area} className="checkbox">
              <input
                type="checkbox"
                checked={interests.includes(area)}
                onChange={(e) => setInterests(toggle(interests, area, e.target.checked))}
              />
              {t(`focus.${area}`)}
            </label>
          ))}
        </fieldset>
        <label>
          {t('profile.skills')}
          <input
            value={skills}
            onChange={(e) => setSkills(e.target.value)}
            aria-describedby="skills-hint"
          />
        </label>
        <p id="skills-hint" className="muted">
          {t('profile.skillsHint')}
        </p>
        <fieldset>
          <legend>{t('profile.languages')}</legend>
          {LANGUAGES.map((language) => (
            <label key={language} className="checkbox">
              <input
                type="checkbox"
                checked={languages.includes(language)}
                onChange={(e) => setLanguages(toggle(languages, language, e.target.checked))}
              />
              {t(`language.${language}`)}
            </label>
          ))}
        </fieldset>
        <div className="row">
          <label>
            {t('profile.availableFrom')}
            <input
              type="date"
              required
              value={availableFrom}
              onChange={(e) => setAvailableFrom(e.target.value)}
            />
          </label>
          <label>
            {t('profile.availableTo')}
            <input
              type="date"
              required
              value={availableTo}
              onChange={(e) => setAvailableTo(e.target.value)}
            />
          </label>
        </div>
        <label>
          {t('profile.expectedCompletion')}
          <input
            type="month"
            min="2020-01"
            max="2040-12"
            placeholder="2027-06"
            value={expectedCompletion}
            onChange={(e) => setExpectedCompletion(e.target.value)}
            aria-describedby="completion-hint"
          />
        </label>
        <p id="completion-hint" className="muted">
          {t('profile.expectedCompletionHint')}
        </p>
        <label>
          {t('profile.motivation')}
          <textarea
            rows={4}
            maxLength={2000}
            value={motivation}
            onChange={(e) => setMotivation(e.target.value)}
          />
        </label>
        <ErrorMessage error={error} />
        {saved && <Notice>{t('profile.saved')}</Notice>}
        <button type="submit" className="primary" disabled={busy}>
          {t('common.save')}
        </button>
      </form>
      <FollowUpConsentSection />
      <MyData studentId={student.id} />
      <AccessLog />
    </Page>
  );
}

/** Export and erasure: the student's own copy of their data, and the right to be forgotten. */
function MyData({ studentId }: { studentId: string }) {
  const { t } = useI18n();
  const { signOut } = useSession();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [notice, setNotice] = useState('');

  const unavailable = (caught: unknown) =>
    caught instanceof ApiError && caught.status === 404
      ? new Error(t('mydata.unavailable'))
      : caught;

  const download = async () => {
    setError(undefined);
    setNotice('');
    setBusy(true);
    try {
      const data = await read<unknown>(
        api.GET('/api/students/{id}/export', { params: { path: { id: studentId } } }),
      );
      const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = 'mine-data-biotekbyen-match.json';
      link.click();
      URL.revokeObjectURL(link.href);
      setNotice(t('mydata.downloaded'));
    } catch (caught) {
      setError(unavailable(caught));
    } finally {
      setBusy(false);
    }
  };

  const erase = async () => {
    setError(undefined);
    setBusy(true);
    try {
      await read(api.DELETE('/api/students/{id}', { params: { path: { id: studentId } } }));
      await signOut();
    } catch (caught) {
      setError(unavailable(caught));
      setAsking(false);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section title={t('mydata.title')}>
      <p>{t('mydata.intro')}</p>
      <div className="actions">
        <button type="button" className="secondary" disabled={busy} onClick={() => void download()}>
          {t('mydata.download')}
        </button>
        <button type="button" className="danger" disabled={busy} onClick={() => setAsking(true)}>
          {t('mydata.delete')}
        </button>
      </div>
      {notice && <Notice>{notice}</Notice>}
      {error instanceof ApiError ? (
        <ErrorMessage error={error} />
      ) : error instanceof Error ? (
        <p role="alert" className="message error">
          {error.message}
        </p>
      ) : null}
      <ConfirmDialog
        open={asking}
        title={t('mydata.confirmTitle')}
        confirmLabel={t('mydata.deleteConfirm')}
        danger
        confirmDisabled={busy}
        onCancel={() => setAsking(false)}
        onConfirm={() => void erase()}
      >
        <p>{t('mydata.confirmText')}</p>
      </ConfirmDialog>
    </Section>
  );
}
