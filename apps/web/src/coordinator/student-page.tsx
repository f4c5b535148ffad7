import { FormEvent, useState } from 'react';
import { api, read } from '../api/client';
import type { OverviewRound, SentCount, Student, StudentOverview } from '../api/types';
import { formatDate, formatDateTime } from '../app/format';
import { Link } from '../app/router';
import { useI18n } from '../i18n/i18n';
import { ErrorMessage, Loading, Notice } from '../ui/messages';
import { Page, Section } from '../ui/page';
import { PlacementStatusBadge, RoundStatusBadge } from '../ui/status';
import { useLoad } from '../ui/use-load';

/** The address of one student's page, from the students list. */
export const studentPageHref = (id: string) => `/students/student?id=${encodeURIComponent(id)}`;

/** The student named by the page's address. */
export const studentIdInAddress = () => new URLSearchParams(window.location.search).get('id') ?? '';

/**
 * One student of the school as the coordinator follows them: the profile (to correct), the
 * invitation (to send again), and per round where they stand and their offer. Admins open the
 * same page from their search (admin/students-search-page.tsx) and see which slots were ranked.
 */
export function CoordinatorStudentPage({ id }: { id: string }) {
  const { t } = useI18n();
  const overview = useLoad(
    () =>
      read<StudentOverview>(api.GET('/api/students/{id}/overview', { params: { path: { id } } })),
    [id],
  );
  const data = overview.data;
  return (
    <Page title={data?.student.fullName ?? t('student.title')}>
      <p>
        <Link to="/students">{t('import.back')}</Link>
      </p>
      <ErrorMessage error={overview.error} />
      {overview.loading && !data && <Loading />}
      {data && (
        <>
          <InvitationSection overview={data} onSent={() => void overview.reload()} />
          <ProfileSection
            student={data.student}
            onSaved={(student) => overview.set({ ...data, student })}
          />
          <Section title={t('student.rounds')}>
            {data.rounds.length === 0 ? (
              <p>{t('student.noRounds')}</p>
            ) : (
              data.rounds.map((round) => <RoundPart key={round.round.id} round={round} />)
            )}
          </Section>
        </>
      )}
    </Page>
  );
}

function InvitationSection({ overview, onSent }: { overview: StudentOverview; onSent(): void }) {
  const { t, language } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [sent, setSent] = useState<number | null>(null);
  const { invitation } = overview;
  if (invitation.accepted) return null;

  const resend = async () => {
    setBusy(true);
    setError(undefined);
    setSent(null);
    try {
      const result = await read<SentCount>(
        api.POST('/api/students/{id}/invitation', {
          params: { path: { id: overview.student.id } },
        }),
      );
      setSent(result.sent);
      onSent();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section title={t('student.invitation')}>
      <p>
        {t('student.notAccepted')}{' '}
        {invitation.lastSentAt &&
          t('student.lastSent', { when: formatDateTime(invitation.lastSentAt, language) })}
      </p>
      <button type="button" className="secondary" onClick={() => void resend()} disabled={busy}>
        {t('student.resend')}
      </button>
      {sent !== null && (
        <Notice>{sent > 0 ? t('student.resent') : t('student.resendQuiet')}</Notice>
      )}
      <ErrorMessage error={error} />
    </Section>
  );
}

function RoundPart({ round }: { round: OverviewRound }) {
  const { t, language } = useI18n();
  const { placement } = round;
  return (
    <article>
      <h3>
        {round.round.name} <RoundStatusBadge status={round.round.status} />
      </h3>
      <dl className="facts">
        <div>
          <dt>{t('students.status')}</dt>
          <dd>
            <span className={`badge status-${round.standing}`}>
              {t(`studentStatus.${round.standing}`)}
            </span>
          </dd>
        </div>
        <div>
          <dt>{t('student.ranked')}</dt>
          <dd>{t('students.rankedCount', { count: round.rankedCount })}</dd>
        </div>
        {placement && (
          <div>
            <dt>{t('students.placement')}</dt>
            <dd>
              {placement.slot.title} · {placement.slot.organisation.name}{' '}
              <PlacementStatusBadge status={placement.status} />
              <br />
              <span className="muted small">
                {placement.status === 'offered'
                  ? t('student.deadline', { when: formatDateTime(placement.deadline, language) })
                  : placement.answeredAt &&
                    t('student.answered', { when: formatDate(placement.answeredAt, language) })}
              </span>
            </dd>
          </div>
        )}
      </dl>
      {round.preferences && round.preferences.length > 0 && (
        <ol aria-label={t('student.rankedSlots')}>
          {round.preferences.map((preference) => (
            <li key={preference.slot.id}>
              {preference.slot.title} · {preference.slot.organisation.name}
            </li>
          ))}
        </ol>
      )}
    </article>
  );
}

/** The facts the school is responsible for, corrected with PATCH /api/students/:id. */
function ProfileSection({ student, onSaved }: { student: Student; onSaved(s: Student): void }) {
  const { t } = useI18n();
  const [form, setForm] = useState({
    fullName: student.fullName,
    birthDate: student.birthDate,
    availableFrom: student.availableFrom,
    availableTo: student.availableTo,
    expectedCompletion: student.expectedCompletion ?? '',
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  const field = (name: keyof typeof form) => ({
    value: form[name],
    onChange: (event: { target: { value: string } }) => {
      setForm({ ...form, [name]: event.target.value });
      setSaved(false);
    },
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    setSaved(false);
    try {
      const updated = await read<Student>(
        api.PATCH('/api/students/{id}', {
          params: { path: { id: student.id } },
          body: { ...form, expectedCompletion: form.expectedCompletion || null },
        }),
      );
      onSaved(updated);
      setSaved(true);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section title={t('student.profile')}>
      <p className="muted">
        {student.email} · {student.programme.name}
      </p>
      <form className="stack" onSubmit={submit} aria-label={t('student.profile')}>
        <label>
          {t('students.name')}
          <input required maxLength={200} {...field('fullName')} />
        </label>
        <label>
          {t('student.birthDate')}
          <input type="date" required {...field('birthDate')} />
        </label>
        <label>
          {t('student.availableFrom')}
          <input type="date" required {...field('availableFrom')} />
        </label>
        <label>
          {t('student.availableTo')}
          <input type="date" required {...field('availableTo')} />
        </label>
        <label>
          {t('students.expectedCompletion')}
          <input type="month" min="2020-01" max="2040-12" {...field('expectedCompletion')} />
        </label>
        <button type="submit" className="primary" disabled={busy}>
          {t('common.save')}
        </button>
        {saved && <Notice>{t('students.expectedCompletionSaved')}</Notice>}
        <ErrorMessage error={error} />
      </form>
    </Section>
  );
}
