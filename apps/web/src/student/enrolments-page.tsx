import { useState } from 'react';
import { api, read } from '../api/client';
import type { EnrolmentRequest, MyEnrolments } from '../api/types';
import { useSession } from '../auth/session';
import { useI18n } from '../i18n/i18n';
import { ErrorMessage, Loading, Notice } from '../ui/messages';
import { Page, Section } from '../ui/page';
import { useLoad } from '../ui/use-load';

/**
 * My schools: the enrolment I am in, the ones I left (their placements stay mine), and the
 * schools asking me to enrol, to confirm or decline. Confirming keeps my account and history.
 */
export function StudentEnrolmentsPage() {
  const { t, date } = useI18n();
  const { keep } = useSession();
  const mine = useLoad(() => read<MyEnrolments>(api.GET('/api/me/enrolments')), []);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [notice, setNotice] = useState('');

  const answer = async (request: EnrolmentRequest, yes: boolean) => {
    setBusy(true);
    setError(undefined);
    setNotice('');
    try {
      const params = { params: { path: { id: request.id } } };
      if (yes) {
        const moved = await read<{ accessToken: string }>(
          api.POST('/api/me/enrolments/{id}/confirm', params),
        );
        // The account now belongs to the new school: its new session replaces the old one.
        await keep(moved.accessToken);
        setNotice(t('enrolments.confirmed', { school: request.school.name }));
      } else {
        await read(api.POST('/api/me/enrolments/{id}/decline', params));
        setNotice(t('enrolments.declined', { school: request.school.name }));
      }
      await mine.reload();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const data = mine.data;
  return (
    <Page title={t('enrolments.title')} intro={t('enrolments.intro')}>
      {mine.loading && !data && <Loading />}
      <ErrorMessage error={mine.error ?? error} />
      {notice && <Notice>{notice}</Notice>}
      {data && data.requests.length > 0 && (
        <Section title={t('enrolments.requests')}>
          <ul className="outcome-list">
            {data.requests.map((request) => (
              <li key={request.id} className="card">
                <p>
                  {t('enrolments.requestText', {
                    school: request.school.name,
                    programme: request.programme.name,
                  })}
                </p>
                <p className="muted small">
                  {t('enrolments.keeps')}
                  {request.expectedCompletion &&
                    ` ${t('enrolments.expected', { month: request.expectedCompletion })}`}
                </p>
                <div className="actions">
                  <button
                    type="button"
                    className="primary"
                    disabled={busy}
                    onClick={() => void answer(request, true)}
                    aria-label={t('enrolments.confirmNamed', { school: request.school.name })}
                  >
                    {t('enrolments.confirm')}
                  </button>
                  <button
                    type="button"
                    className="secondary"
                    disabled={busy}
                    onClick={() => void answer(request, false)}
                    aria-label={t('enrolments.declineNamed', { school: request.school.name })}
                  >
                    {t('enrolments.decline')}
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </Section>
      )}
      {data && data.requests.length === 0 && <p>{t('enrolments.noRequests')}</p>}
      {data && (
        <Section title={t('enrolments.mine')}>
          <ul className="outcome-list">
            {data.enrolments.map((enrolment) => (
              <li key={enrolment.studentId}>
                <strong>{enrolment.school.name}</strong> · {enrolment.programme.name}
                <br />
                <span className="muted small">
                  {enrolment.leftAt
                    ? t('enrolments.left', {
                        since: date(enrolment.since.slice(0, 10)),
                        left: date(enrolment.leftAt.slice(0, 10)),
                      })
                    : t('enrolments.current', { since: date(enrolment.since.slice(0, 10)) })}
                </span>
              </li>
            ))}
          </ul>
        </Section>
      )}
    </Page>
  );
}
