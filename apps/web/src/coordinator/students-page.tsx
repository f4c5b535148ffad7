import { FormEvent, useMemo, useState } from 'react';
import { api, read, readAll } from '../api/client';
import type {
  BulkSentCount,
  Placement,
  Round,
  Student,
  StudentPreferenceStatus,
} from '../api/types';
import { loadRounds } from '../app/rounds';
import { Link } from '../app/router';
import { useI18n } from '../i18n/i18n';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { DownloadButtons } from '../ui/download-buttons';
import { ErrorMessage, Loading, Notice } from '../ui/messages';
import { Page } from '../ui/page';
import { RoundPicker } from '../ui/round-picker';
import { useLoad } from '../ui/use-load';
import { studentPageHref } from './student-page';
import { holdsSlot, STUDENT_STATUSES, StudentStatus, studentStatus } from './student-status';
import { TodoPanel } from '../app/todo-panel';

interface RoundView {
  placements: Placement[];
  /** Whether each student has ranked in the round, and how many slots. */
  preferences: StudentPreferenceStatus[];
}

async function loadRoundView(round: Round | undefined): Promise<RoundView> {
  if (!round) return { placements: [], preferences: [] };
  const [placements, preferences] = await Promise.all([
    readAll<Placement>((page) =>
      api.GET('/api/placements', { params: { query: { page, pageSize: 100, roundId: round.id } } }),
    ),
    round.status === 'draft'
      ? Promise.resolve([])
      : readAll<StudentPreferenceStatus>((page) =>
          api.GET('/api/rounds/{id}/students', {
            params: { path: { id: round.id }, query: { page, pageSize: 100 } },
          }),
        ),
  ]);
  return { placements, preferences };
}

export function CoordinatorStudentsPage() {
  const { t } = useI18n();
  const rounds = useLoad(loadRounds, []);
  const students = useLoad(
    () =>
      readAll<Student>((page) =>
        api.GET('/api/students', { params: { query: { page, pageSize: 100 } } }),
      ),
    [],
  );
  const [roundId, setRoundId] = useState('');
  const round = rounds.data?.find((r) => r.id === roundId) ?? rounds.data?.[0];
  const view = useLoad(() => loadRoundView(round), [round?.id, round?.status]);
  const [status, setStatus] = useState<StudentStatus | ''>('');
  const [programme, setProgramme] = useState('');
  const [query, setQuery] = useState('');

  const programmes = useMemo(() => {
    const byId = new Map((students.data ?? []).map((s) => [s.programme.id, s.programme]));
    return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, 'da'));
  }, [students.data]);

  const rows = useMemo(() => {
    const placements = new Map(view.data?.placements.map((p) => [p.studentId, p]));
    const preferences = new Map(view.data?.preferences.map((p) => [p.studentId, p]));
    return (students.data ?? []).map((student) => {
      const placement = placements.get(student.id);
      const preference = preferences.get(student.id);
      return {
        student,
        placement,
        rankedCount: preference?.rankedCount ?? 0,
        // Until the round's lists are in, nobody is shown as not having ranked.
        status:
          round && view.data
            ? studentStatus(round.status, placement, preference)
            : ('pending' as const),
      };
    });
  }, [students.data, view.data, round]);

  const needle = query.trim().toLowerCase();
  const shown = rows.filter(
    (row) =>
      (!status || row.status === status) &&
      (!programme || row.student.programme.id === programme) &&
      (!needle ||
        row.student.fullName.toLowerCase().includes(needle) ||
        (row.student.email ?? '').toLowerCase().includes(needle)),
  );
  const counts = STUDENT_STATUSES.map((s) => ({
    s,
    n: rows.filter((r) => r.status === s).length,
  })).filter(({ s, n }) => n > 0 || s === status);

  return (
    <Page title={t('students.title')} intro={t('students.intro')}>
      <TodoPanel />
      <p className="actions">
        <Link to="/students/import" className="button secondary">
          {t('nav.import')}
        </Link>
        <Link to="/school-report" className="button secondary">
          {t('nav.schoolReport')}
        </Link>
      </p>
      <DownloadButtons
        disabled={!students.data}
        load={(format) =>
          // The screen's filters, so the file holds the students the table shows.
          api.GET('/api/students', {
            params: {
              query: {
                format,
                ...(round && status ? { roundId: round.id, status } : {}),
                ...(programme ? { programmeId: programme } : {}),
                ...(needle ? { q: needle } : {}),
              },
            },
            parseAs: 'blob',
          })
        }
      />
      <BulkMessages
        openRound={rounds.data?.find((r) => r.status === 'open')}
        notActivated={(students.data ?? []).filter((s) => !s.activated).length}
      />
      <ErrorMessage error={rounds.error ?? students.error ?? view.error} />
      {(students.loading || rounds.loading) && !students.data && <Loading />}
      <form
        className="filters card"
        onSubmit={(e) => e.preventDefault()}
        aria-label={t('common.filters')}
      >
        {rounds.data && rounds.data.length > 0 && (
          <RoundPicker rounds={rounds.data} value={round?.id ?? ''} onChange={setRoundId} />
        )}
        <label>
          {t('students.status')}
          <select value={status} onChange={(e) => setStatus(e.target.value as StudentStatus | '')}>
            <option value="">{t('common.all')}</option>
            {counts.map(({ s, n }) => (
              <option key={s} value={s}>
                {t(`studentStatus.${s}`)} ({n})
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('students.programme')}
          <select value={programme} onChange={(e) => setProgramme(e.target.value)}>
            <option value="">{t('common.all')}</option>
            {programmes.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('students.search')}
          <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
        </label>
      </form>
      {round && round.status === 'draft' && (
        <p className="message info">{t('students.pendingNote')}</p>
      )}
      {round && ['open', 'closed', 'matching'].includes(round.status) && (
        <p className="message info">{t('students.rankedNote')}</p>
      )}
      {students.data && (
        <p className="muted" aria-live="polite">
          {t('students.count', { shown: shown.length, total: rows.length })}
        </p>
      )}
      <div className="table-wrap" role="region" aria-label={t('students.title')} tabIndex={0}>
        {/* On a phone each student is a block, its cells under each other with their headings. */}
        <table className="table table-stack">
          <caption className="visually-hidden">{t('students.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('students.name')}</th>
              <th scope="col">{t('students.programme')}</th>
              <th scope="col">{t('students.status')}</th>
              <th scope="col">{t('students.placement')}</th>
              <th scope="col">{t('students.expectedCompletion')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map(({ student, placement, rankedCount, status: s }) => (
              <tr key={student.id}>
                <th scope="row">
                  <Link to={studentPageHref(student.id)}>{student.fullName}</Link>
                  <br />
                  <span className="muted small">{student.email}</span>
                  {!student.activated && (
                    <span className="badge muted-badge">{t('students.notActivated')}</span>
                  )}
                </th>
                <td data-label={t('students.programme')}>{student.programme.name}</td>
                <td data-label={t('students.status')}>
                  <span className={`badge status-${s}`}>{t(`studentStatus.${s}`)}</span>
                  {s === 'waiting' && (
                    <>
                      <br />
                      <span className="muted small">
                        {t('students.rankedCount', { count: rankedCount })}
                      </span>
                    </>
                  )}
                </td>
                <td data-label={t('students.placement')}>
                  {placement && holdsSlot(s)
                    ? `${placement.slot.title} · ${placement.slot.organisation.name}`
                    : '–'}
                </td>
                <td data-label={t('students.expectedCompletion')}>
                  <ExpectedCompletionField
                    student={student}
                    onSaved={(changed) =>
                      students.set(
                        (students.data ?? []).map((s) => (s.id === changed.id ? changed : s)),
                      )
                    }
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Page>
  );
}

/** The coordinator sets when a student expects to complete (year and month), row by row. */
function ExpectedCompletionField({
  student,
  onSaved,
}: {
  student: Student;
  onSaved(changed: Student): void;
}) {
  const { t } = useI18n();
  const [value, setValue] = useState(student.expectedCompletion ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  const changed = value !== (student.expectedCompletion ?? '');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    setSaved(false);
    try {
      const updated = await read<Student>(
        api.PATCH('/api/students/{id}', {
          params: { path: { id: student.id } },
          body: { expectedCompletion: value || null },
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
    <form
      className="inline-form"
      onSubmit={submit}
      aria-label={t('students.expectedCompletionFor', { name: student.fullName })}
    >
      <input
        type="month"
        min="2020-01"
        max="2040-12"
        value={value}
        onChange={(e) => {
          setValue(e.target.value);
          setSaved(false);
        }}
        aria-label={t('students.expectedCompletionFor', { name: student.fullName })}
      />
      <button type="submit" className="secondary" disabled={busy || !changed}>
        {t('common.save')}
      </button>
      {saved && <span role="status">{t('students.expectedCompletionSaved')}</span>}
      <ErrorMessage error={error} />
    </form>
  );
}

type BulkAction = 'remind' | 'invite';

/**
 * The school-wide messages, each asked once more: a reminder to those who have not ranked in the
 * open round, and the invitation again to those who have not accepted it. The api leaves out
 * whoever had one lately, so the answer says how many were sent.
 */
function BulkMessages({ openRound, notActivated }: { openRound?: Round; notActivated: number }) {
  const { t } = useI18n();
  const [asking, setAsking] = useState<BulkAction | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [sent, setSent] = useState<{ action: BulkAction; count: number; skipped: number } | null>(
    null,
  );
  const canRemind = openRound !== undefined && new Date(openRound.preferencesCloseAt) > new Date();
  if (!canRemind && notActivated === 0) return null;

  const run = async (action: BulkAction) => {
    setBusy(true);
    setError(undefined);
    setSent(null);
    try {
      const result = await read<BulkSentCount>(
        action === 'remind' && openRound
          ? api.POST('/api/rounds/{id}/students/reminders', {
              params: { path: { id: openRound.id } },
            })
          : api.POST('/api/students/invitations'),
      );
      setSent({ action, count: result.sent, skipped: result.skipped });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
      setAsking(null);
    }
  };

  return (
    <div className="card">
      <p className="actions">
        {canRemind && (
          <button type="button" className="secondary" onClick={() => setAsking('remind')}>
            {t('students.remind')}
          </button>
        )}
        {notActivated > 0 && (
          <button type="button" className="secondary" onClick={() => setAsking('invite')}>
            {t('students.resendInvitations', { count: notActivated })}
          </button>
        )}
      </p>
      {sent && (
        <Notice>
          {t(sent.action === 'remind' ? 'students.reminded' : 'students.invited', {
            count: sent.count,
          })}
          {sent.skipped > 0 &&
            ` ${t(sent.action === 'remind' ? 'students.remindSkipped' : 'students.inviteSkipped', {
              count: sent.skipped,
            })}`}
        </Notice>
      )}
      <ErrorMessage error={error} />
      <ConfirmDialog
        open={asking !== null}
        title={asking === 'remind' ? t('students.remind') : t('students.resendTitle')}
        confirmLabel={t('students.send')}
        confirmDisabled={busy}
        onCancel={() => setAsking(null)}
        onConfirm={() => asking && void run(asking)}
      >
        <p>
          {asking === 'remind'
            ? t('students.remindAsk', { round: openRound?.name ?? '' })
            : t('students.resendAsk', { count: notActivated })}
        </p>
      </ConfirmDialog>
    </div>
  );
}
