import { FormEvent, useState } from 'react';
import { api, read } from '../api/client';
import type { OpeningPreview, Round } from '../api/types';
import { loadRound } from '../app/rounds';
import { useI18n } from '../i18n/i18n';
import { ErrorMessage } from '../ui/messages';
import { useLoad } from '../ui/use-load';

export function loadOpeningPreview(id: string): Promise<OpeningPreview> {
  return read<OpeningPreview>(
    api.GET('/api/rounds/{id}/opening-preview', { params: { path: { id } } }),
  );
}

/** The preference window: its planned end only while that is still ahead of the round. */
export function RoundWindow({ round }: { round: Round }) {
  const { t, dateTime } = useI18n();
  const pending = round.status === 'draft' || round.status === 'open';
  return (
    <div>
      <dt>{t('rounds.window')}</dt>
      <dd>
        {pending
          ? `${dateTime(round.preferencesOpenAt)} – ${t('rounds.closesPlanned', {
              closesAt: dateTime(round.preferencesCloseAt),
            })}`
          : t('rounds.windowClosed')}
      </dd>
    </div>
  );
}

/** The run's figures, read from the round itself, with how many got each choice. */
export function RoundOutcome({ round }: { round: Round }) {
  const { t, number } = useI18n();
  const loaded = useLoad(() => loadRound(round.id), [round.id, round.status]);
  const summary = loaded.data?.summary;
  if (!summary) return <ErrorMessage error={loaded.error} />;
  const figures = [
    ['rounds.summaryStudents', summary.students],
    ['rounds.summaryMatched', summary.matched],
    ['rounds.summaryUnplaced', summary.unplaced],
    ['rounds.summaryFirstChoice', summary.firstChoice],
  ] as const;
  return (
    <section className="round-summary" aria-label={t('rounds.summary')}>
      <h3>{t('rounds.summary')}</h3>
      <dl className="facts" data-summary={round.id}>
        {figures.map(([label, value]) => (
          <div key={label}>
            <dt>{t(label)}</dt>
            <dd>{number(value)}</dd>
          </div>
        ))}
      </dl>
      {summary.byChoice.length > 0 && (
        <>
          <h4>{t('rounds.byChoice')}</h4>
          <ol className="by-choice">
            {summary.byChoice.map((count, index) => (
              <li key={index}>
                {t('rounds.summaryChoice', { rank: index + 1 })}: {number(count)}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

/** A value for <input type="datetime-local"> in the browser's time. */
export function localInput(iso: string | number): string {
  const date = new Date(iso);
  date.setMinutes(date.getMinutes() - date.getTimezoneOffset(), 0, 0);
  return date.toISOString().slice(0, 16);
}

/** A draft's name, closing time and answer days, changed in place. */
export function EditDraft({
  round,
  onSaved,
  onCancel,
}: {
  round: Round;
  onSaved(round: Round): void;
  onCancel(): void;
}) {
  const { t } = useI18n();
  const [name, setName] = useState(round.name);
  const [closes, setCloses] = useState(localInput(round.preferencesCloseAt));
  const [answerDays, setAnswerDays] = useState(String(round.offerAnswerDays));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onSaved(
        await read<Round>(
          api.PATCH('/api/rounds/{id}', {
            params: { path: { id: round.id } },
            body: {
              name: name.trim(),
              preferencesCloseAt: new Date(closes).toISOString(),
              offerAnswerDays: Number(answerDays),
            },
          }),
        ),
      );
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} className="stack">
      <label>
        {t('rounds.name')}
        <input required value={name} onChange={(e) => setName(e.target.value)} />
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
      <ErrorMessage error={error} />
      <div className="actions">
        <button type="button" className="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="primary" disabled={busy || !name.trim()}>
          {t('rounds.save')}
        </button>
      </div>
    </form>
  );
}
