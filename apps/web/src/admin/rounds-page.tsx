import { FormEvent, useEffect, useRef, useState } from 'react';
import { api, read } from '../api/client';
import type { OpeningPreview, Round, RoundStatus } from '../api/types';
import { loadRound, loadRounds } from '../app/rounds';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/da';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { ErrorMessage, Loading, Notice } from '../ui/messages';
import { Page, Section } from '../ui/page';
import { RoundStatusBadge } from '../ui/status';
import { useLoad } from '../ui/use-load';
import {
  EditDraft,
  loadOpeningPreview,
  localInput,
  RoundOutcome,
  RoundWindow,
} from './round-parts';

type Action = 'open' | 'close' | 'run' | 'publish' | 'follow-up';

/** The next step of a round in each status. */
const NEXT: Partial<Record<RoundStatus, Action>> = {
  draft: 'open',
  open: 'close',
  closed: 'run',
  matched: 'publish',
  published: 'follow-up',
};
const ACTION_LABEL: Record<Action, MessageKey> = {
  open: 'rounds.open',
  close: 'rounds.close',
  run: 'rounds.run',
  publish: 'rounds.publish',
  'follow-up': 'rounds.followUp',
};
/** Steps that cannot be undone: asked once more, with what they will do, before they are taken. */
const ASK: Action[] = ['open', 'close', 'run', 'publish'];
const POLL_MS = 1000;

function act(round: Round, action: Action): Promise<Round> {
  const params = { params: { path: { id: round.id } } };
  switch (action) {
    case 'open':
      return read<Round>(api.POST('/api/rounds/{id}/open', params));
    case 'close':
      return read<Round>(api.POST('/api/rounds/{id}/close', params));
    case 'run':
      return read<Round>(api.POST('/api/rounds/{id}/run', params));
    case 'publish':
      return read<Round>(api.POST('/api/rounds/{id}/publish', params));
    case 'follow-up':
      return read<Round>(api.POST('/api/rounds/{id}/follow-up', params));
  }
}

export function RoundsPage() {
  const { t } = useI18n();
  const rounds = useLoad(loadRounds, []);
  const [busy, setBusy] = useState<string | null>(null);
  const [asking, setAsking] = useState<{ round: Round; action: Action } | null>(null);
  const [preview, setPreview] = useState<OpeningPreview | null>(null);
  const [deleting, setDeleting] = useState<Round | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<unknown>();
  const [notice, setNotice] = useState('');

  // The poll below outlives renders: it reads the newest list through this ref.
  const latest = useRef(rounds);
  latest.current = rounds;
  const upsert = (round: Round) => {
    const list = latest.current.data ?? [];
    latest.current.set(
      list.some((r) => r.id === round.id)
        ? list.map((r) => (r.id === round.id ? round : r))
        : [round, ...list],
    );
  };

  // While the worker runs a matching, follow the round's status every second.
  const matching = (rounds.data ?? []).filter((r) => r.status === 'matching');
  const matchingIds = matching.map((r) => r.id).join(',');
  useEffect(() => {
    if (!matchingIds) return;
    const timer = window.setInterval(() => {
      for (const id of matchingIds.split(',')) {
        loadRound(id)
          .then((round) => {
            if (round.status !== 'matching') {
              upsert(round);
              setNotice(t('rounds.matchedNotice', { name: round.name }));
            }
          })
          .catch(setError);
      }
    }, POLL_MS);
    return () => window.clearInterval(timer);
  }, [matchingIds]);

  const run = async (round: Round, action: Action) => {
    setBusy(round.id);
    setError(undefined);
    setNotice('');
    try {
      const changed = await act(round, action);
      upsert(changed);
      if (action === 'follow-up') setNotice(t('rounds.followUpNotice', { name: changed.name }));
      else
        setNotice(
          t('rounds.changedNotice', { name: changed.name, status: t(`round.${changed.status}`) }),
        );
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
      setAsking(null);
    }
  };

  const ask = (round: Round, action: Action) => {
    setError(undefined);
    setPreview(null);
    setAsking({ round, action });
    if (action === 'open') loadOpeningPreview(round.id).then(setPreview).catch(setError);
  };

  const remove = async (round: Round) => {
    setBusy(round.id);
    setError(undefined);
    try {
      await read(api.DELETE('/api/rounds/{id}', { params: { path: { id: round.id } } }));
      latest.current.set((latest.current.data ?? []).filter((r) => r.id !== round.id));
      setNotice(t('rounds.deletedNotice', { name: round.name }));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
      setDeleting(null);
    }
  };

  return (
    <Page title={t('rounds.title')} intro={t('rounds.intro')}>
      <CreateRound
        onCreated={(round) => {
          upsert(round);
          setNotice(t('rounds.createdNotice', { name: round.name }));
        }}
      />
      {rounds.loading && !rounds.data && <Loading />}
      <ErrorMessage error={rounds.error ?? error} />
      {notice && <Notice>{notice}</Notice>}
      <ul className="cards single">
        {rounds.data?.map((round) => {
          const next = NEXT[round.status];
          return (
            <li key={round.id} className="card round" data-round={round.id}>
              <h2>
                {round.name} <RoundStatusBadge status={round.status} />
              </h2>
              {editing === round.id ? (
                <EditDraft
                  round={round}
                  onCancel={() => setEditing(null)}
                  onSaved={(saved) => {
                    upsert(saved);
                    setEditing(null);
                    setNotice(t('rounds.savedNotice', { name: saved.name }));
                  }}
                />
              ) : (
                <RoundFacts round={round} />
              )}
              {(round.status === 'matched' || round.status === 'published') && (
                <RoundOutcome round={round} />
              )}
              {round.status === 'matching' && (
                <p role="status" className="progress">
                  <span className="spinner" aria-hidden="true" /> {t('rounds.matching')}
                </p>
              )}
              {next && (
                <div className="actions">
                  <button
                    type="button"
                    className={next === 'follow-up' ? 'secondary' : 'primary'}
                    disabled={busy !== null}
                    onClick={() => (ASK.includes(next) ? ask(round, next) : void run(round, next))}
                    aria-label={`${t(ACTION_LABEL[next])}: ${round.name}`}
                  >
                    {t(ACTION_LABEL[next])}
                  </button>
                  {round.status === 'draft' && editing !== round.id && (
                    <>
                      <button
                        type="button"
                        className="secondary"
                        disabled={busy !== null}
                        onClick={() => setEditing(round.id)}
                        aria-label={`${t('rounds.edit')}: ${round.name}`}
                      >
                        {t('rounds.edit')}
                      </button>
                      <button
                        type="button"
                        className="danger"
                        disabled={busy !== null}
                        onClick={() => setDeleting(round)}
                        aria-label={`${t('rounds.delete')}: ${round.name}`}
                      >
                        {t('rounds.delete')}
                      </button>
                    </>
                  )}
                </div>
              )}
            </li>
          );
        })}
      </ul>
      <ConfirmDialog
        open={asking !== null}
        title={asking ? `${t(ACTION_LABEL[asking.action])}: ${asking.round.name}` : ''}
        confirmLabel={asking ? t(ACTION_LABEL[asking.action]) : ''}
        confirmDisabled={
          busy !== null ||
          (asking?.action === 'open' &&
            (preview === null || preview.slots === 0 || preview.openRound !== null))
        }
        onCancel={() => setAsking(null)}
        onConfirm={() => asking && void run(asking.round, asking.action)}
      >
        {asking && <AskText round={asking.round} action={asking.action} preview={preview} />}
      </ConfirmDialog>
      <ConfirmDialog
        open={deleting !== null}
        title={deleting ? `${t('rounds.delete')}: ${deleting.name}` : ''}
        confirmLabel={t('rounds.delete')}
        danger
        confirmDisabled={busy !== null}
        onCancel={() => setDeleting(null)}
        onConfirm={() => deleting && void remove(deleting)}
      >
        <p>{t('rounds.deleteText')}</p>
      </ConfirmDialog>
    </Page>
  );
}

/** What the step will do, in figures where there are any. */
function AskText({
  round,
  action,
  preview,
}: {
  round: Round;
  action: Action;
  preview: OpeningPreview | null;
}) {
  const { t, dateTime } = useI18n();
  if (action === 'open') {
    if (!preview) return <Loading />;
    if (preview.openRound) {
      return <p role="alert">{t('rounds.openAnotherOpen', { name: preview.openRound.name })}</p>;
    }
    if (preview.slots === 0) return <p role="alert">{t('rounds.openNothing')}</p>;
    return (
      <p data-preview={round.id}>
        {t('rounds.openText', {
          slots: preview.slots,
          seats: preview.seats,
          students: preview.eligibleStudents,
        })}
      </p>
    );
  }
  if (action === 'close') {
    return <p>{t('rounds.closeText', { closesAt: dateTime(round.preferencesCloseAt) })}</p>;
  }
  return <p>{action === 'publish' ? t('rounds.publishText') : t('rounds.runText')}</p>;
}

function RoundFacts({ round }: { round: Round }) {
  const { t, dateTime } = useI18n();
  return (
    <>
      <dl className="facts">
        <RoundWindow round={round} />
        <div>
          <dt>{t('rounds.answerDays')}</dt>
          <dd>{round.offerAnswerDays}</dd>
        </div>
        <div>
          <dt>{t('rounds.proposer')}</dt>
          <dd>{t(`proposer.${round.proposer}`)}</dd>
        </div>
        {round.matchedAt && (
          <div>
            <dt>{t('rounds.matchedAt')}</dt>
            <dd>{dateTime(round.matchedAt)}</dd>
          </div>
        )}
        {round.publishedAt && (
          <div>
            <dt>{t('rounds.publishedAt')}</dt>
            <dd>{dateTime(round.publishedAt)}</dd>
          </div>
        )}
        <div>
          <dt>{t('rounds.seedCommitment')}</dt>
          <dd>
            <code className="break">{round.seedCommitment}</code>
          </dd>
        </div>
        <div>
          <dt>{t('rounds.seed')}</dt>
          <dd>
            {round.seed ? <code className="break">{round.seed}</code> : t('rounds.seedHidden')}
          </dd>
        </div>
      </dl>
      <p className="muted small">{t('rounds.seedHelp')}</p>
    </>
  );
}

/** A value for <input type="datetime-local"> a week from now, in the browser's time. */
function inAWeek(): string {
  return localInput(Date.now() + 7 * 24 * 3600_000);
}

function CreateRound({ onCreated }: { onCreated(round: Round): void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [closes, setCloses] = useState(inAWeek);
  const [answerDays, setAnswerDays] = useState('7');
  const [proposer, setProposer] = useState<'students' | 'slots'>('students');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const round = await read<Round>(
        api.POST('/api/rounds', {
          body: {
            name: name.trim(),
            preferencesCloseAt: new Date(closes).toISOString(),
            offerAnswerDays: Number(answerDays),
            proposer,
          },
        }),
      );
      setName('');
      onCreated(round);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section title={t('rounds.create')}>
      <form onSubmit={submit} className="stack">
        <label>
          {t('rounds.name')}
          <input
            required
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="Forår 2027"
          />
        </label>
        <div className="row">
          <label>
            {t('rounds.closesAt')}
            <input
              type="datetime-local"
              required
              value={closes}
              onChange={(e) => setCloses(e.target.value)}
            />
          </label>
          <label>
            {t('rounds.answerDays')}
            <input
              type="number"
              min={1}
              max={60}
              required
              value={answerDays}
              onChange={(e) => setAnswerDays(e.target.value)}
            />
          </label>
        </div>
        <label>
          {t('rounds.proposer')}
          <select
            value={proposer}
            onChange={(e) => setProposer(e.target.value as 'students' | 'slots')}
          >
            <option value="students">{t('proposer.students')}</option>
            <option value="slots">{t('proposer.slots')}</option>
          </select>
          <span className="muted small">{t('rounds.proposerHelp')}</span>
        </label>
        <ErrorMessage error={error} />
        <button type="submit" className="primary" disabled={busy || !name.trim()}>
          {t('rounds.createSubmit')}
        </button>
      </form>
    </Section>
  );
}
