import { FormEvent, useId, useState } from 'react';
import { api, read, readAll } from '../api/client';
import type { Outcome, OutcomeListItem } from '../api/types';
import { useMe } from '../auth/session';
import { useI18n } from '../i18n/i18n';
import { DownloadButtons } from '../ui/download-buttons';
import { ErrorMessage, Loading, Notice } from '../ui/messages';
import { Page } from '../ui/page';
import { useLoad } from '../ui/use-load';

const JOB_OFFERS = ['none', 'offered', 'accepted', 'declined'] as const;
type JobOffer = (typeof JOB_OFFERS)[number];

/**
 * The outcomes of placements (udfald): the host's reviewer records one once the period has
 * ended, the student reads it and may object, the coordinator and admins read both.
 */
export function OutcomesPage() {
  const { t } = useI18n();
  const me = useMe();
  const list = useLoad(
    () =>
      readAll<OutcomeListItem>((page) =>
        api.GET('/api/outcomes', { params: { query: { page, pageSize: 100 } } }),
      ),
    [],
  );
  const replace = (changed: Outcome) =>
    list.set(
      (list.data ?? []).map((item) =>
        item.placementId === changed.placementId ? { ...item, ...changed } : item,
      ),
    );
  const intro = t(`outcomes.intro.${me.role}`);
  return (
    <Page title={t('outcomes.title')} intro={intro}>
      <DownloadButtons
        disabled={!list.data}
        load={(format) =>
          api.GET('/api/outcomes', { params: { query: { format } }, parseAs: 'blob' })
        }
      />
      {list.loading && !list.data && <Loading />}
      <ErrorMessage error={list.error} />
      {list.data && list.data.length === 0 && <p>{t('outcomes.none')}</p>}
      <ul className="plain-list outcome-list">
        {(list.data ?? []).map((item) => (
          <li key={item.placementId}>
            <OutcomeCard item={item} onChange={replace} />
          </li>
        ))}
      </ul>
    </Page>
  );
}

function OutcomeCard({
  item,
  onChange,
}: {
  item: OutcomeListItem;
  onChange(changed: Outcome): void;
}) {
  const { t, date, dateTime } = useI18n();
  const me = useMe();
  const headingId = useId();
  const title = me.role === 'student' ? item.slot.title : item.student.fullName;
  return (
    <article className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      <dl className="facts">
        {me.role !== 'student' && (
          <div>
            <dt>{t('outcomes.slot')}</dt>
            <dd>{item.slot.title}</dd>
          </div>
        )}
        {me.role !== 'reviewer' && (
          <div>
            <dt>{t('outcomes.host')}</dt>
            <dd>{item.host.name}</dd>
          </div>
        )}
        {me.role !== 'coordinator' && me.role !== 'student' && (
          <div>
            <dt>{t('outcomes.school')}</dt>
            <dd>{item.school.name}</dd>
          </div>
        )}
        <div>
          <dt>{t('outcomes.endsOn')}</dt>
          <dd>{date(item.slot.endsOn)}</dd>
        </div>
        <div>
          <dt>{t('outcomes.outcome')}</dt>
          <dd>
            {item.outcome ? (
              <>
                {t(item.outcome.completed ? 'outcomes.completed' : 'outcomes.notCompleted')}
                {' · '}
                {t(`outcomes.jobOffer.${item.outcome.jobOffer}`)}
                <br />
                <span className="muted small">
                  {t('outcomes.recordedAt', { at: dateTime(item.outcome.recordedAt) })}
                </span>
              </>
            ) : item.periodEnded ? (
              t('outcomes.notRecorded')
            ) : (
              t('outcomes.notEnded')
            )}
          </dd>
        </div>
        {item.contest && (
          <div>
            <dt>{t('outcomes.contest')}</dt>
            <dd>
              <span className="pre-line">{item.contest.reason}</span>
              <br />
              <span className="muted small">
                {t('outcomes.contestedAt', { at: dateTime(item.contest.contestedAt) })}
              </span>
            </dd>
          </div>
        )}
      </dl>
      {me.role === 'reviewer' && item.periodEnded && <RecordForm item={item} onChange={onChange} />}
      {me.role === 'student' && item.outcome && <ContestForm item={item} onChange={onChange} />}
    </article>
  );
}

/** The host's record: completed or not, and what became of a job offer. */
function RecordForm({ item, onChange }: { item: OutcomeListItem; onChange(o: Outcome): void }) {
  const { t } = useI18n();
  const [completed, setCompleted] = useState<boolean | null>(item.outcome?.completed ?? null);
  const [jobOffer, setJobOffer] = useState<JobOffer>(item.outcome?.jobOffer ?? 'none');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (completed === null) return;
    setBusy(true);
    setError(undefined);
    setSaved(false);
    try {
      const changed = await read<Outcome>(
        api.PUT('/api/placements/{id}/outcome', {
          params: { path: { id: item.placementId } },
          body: { completed, jobOffer },
        }),
      );
      onChange(changed);
      setSaved(true);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const name = item.student.fullName;
  return (
    <form onSubmit={submit} aria-label={t('outcomes.recordFor', { name })}>
      <fieldset>
        <legend>{t('outcomes.completedQuestion')}</legend>
        <label className="checkbox">
          <input
            type="radio"
            name={`completed-${item.placementId}`}
            required
            checked={completed === true}
            onChange={() => setCompleted(true)}
          />
          {t('outcomes.yes')}
        </label>
        <label className="checkbox">
          <input
            type="radio"
            name={`completed-${item.placementId}`}
            checked={completed === false}
            onChange={() => setCompleted(false)}
          />
          {t('outcomes.no')}
        </label>
      </fieldset>
      <label>
        {t('outcomes.jobOfferQuestion')}
        <select value={jobOffer} onChange={(e) => setJobOffer(e.target.value as JobOffer)}>
          {JOB_OFFERS.map((offer) => (
            <option key={offer} value={offer}>
              {t(`outcomes.jobOffer.${offer}`)}
            </option>
          ))}
        </select>
      </label>
      <ErrorMessage error={error} />
      {saved && <Notice>{t('outcomes.saved')}</Notice>}
      <button type="submit" className="primary" disabled={busy || completed === null}>
        {t(item.outcome ? 'outcomes.correct' : 'outcomes.record')}
      </button>
    </form>
  );
}

/** The student's objection, in their own words; the host's record stays beside it. */
function ContestForm({ item, onChange }: { item: OutcomeListItem; onChange(o: Outcome): void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState(item.contest?.reason ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    setSaved(false);
    try {
      const changed = await read<Outcome>(
        api.POST('/api/placements/{id}/outcome/contest', {
          params: { path: { id: item.placementId } },
          body: { reason: reason.trim() },
        }),
      );
      onChange(changed);
      setSaved(true);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} aria-label={t('outcomes.contestFor', { slot: item.slot.title })}>
      <label>
        {t('outcomes.contestLabel')}
        <textarea
          rows={3}
          required
          maxLength={2000}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </label>
      <ErrorMessage error={error} />
      {saved && <Notice>{t('outcomes.contestSaved')}</Notice>}
      <button type="submit" className="secondary" disabled={busy || reason.trim() === ''}>
        {t(item.contest ? 'outcomes.contestAgain' : 'outcomes.contestSubmit')}
      </button>
    </form>
  );
}
