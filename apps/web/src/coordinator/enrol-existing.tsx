import { FormEvent, useState } from 'react';
import { api, read, readAll } from '../api/client';
import type { Programme } from '../api/types';
import { useMe } from '../auth/session';
import { useI18n } from '../i18n/i18n';
import { ErrorMessage, Notice } from '../ui/messages';
import { Section } from '../ui/page';
import { useLoad } from '../ui/use-load';

/**
 * A person who already has an account (a gymnasium student going on to NEXT, say) is asked to
 * enrol with this school by e-mail. The answer is the same whoever the address belongs to:
 * the person shows on the roster once they confirm.
 */
export function EnrolExistingForm() {
  const { t } = useI18n();
  const me = useMe();
  const schoolId = me.organisation?.id ?? '';
  const programmes = useLoad(
    () =>
      readAll<Programme>((page) =>
        api.GET('/api/programmes', { params: { query: { page, pageSize: 100, schoolId } } }),
      ),
    [schoolId],
  );
  const [email, setEmail] = useState('');
  const [programmeId, setProgrammeId] = useState('');
  const [expectedCompletion, setExpectedCompletion] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [sent, setSent] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    setSent('');
    try {
      await read(
        api.POST('/api/students/enrolments', {
          body: {
            email: email.trim(),
            programmeId,
            ...(expectedCompletion ? { expectedCompletion } : {}),
          },
        }),
      );
      setSent(email.trim());
      setEmail('');
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section title={t('enrol.title')}>
      <p>{t('enrol.intro')}</p>
      <form onSubmit={submit} aria-label={t('enrol.title')}>
        <label>
          {t('enrol.email')}
          <input
            type="email"
            required
            maxLength={254}
            autoComplete="off"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label>
          {t('enrol.programme')}
          <select required value={programmeId} onChange={(e) => setProgrammeId(e.target.value)}>
            <option value="">{t('enrol.pickProgramme')}</option>
            {(programmes.data ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('profile.expectedCompletion')}
          <input
            type="month"
            min="2020-01"
            max="2040-12"
            value={expectedCompletion}
            onChange={(e) => setExpectedCompletion(e.target.value)}
          />
        </label>
        <ErrorMessage error={error ?? programmes.error} />
        {sent && <Notice>{t('enrol.sent', { email: sent })}</Notice>}
        <button type="submit" className="primary" disabled={busy}>
          {t('enrol.submit')}
        </button>
      </form>
    </Section>
  );
}
