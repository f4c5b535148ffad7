import { useState } from 'react';
import { api, read, readAll } from '../api/client';
import type { Placement } from '../api/types';
import { loadRounds } from '../app/rounds';
import { useI18n } from '../i18n/i18n';
import { DownloadButtons } from '../ui/download-buttons';
import { ErrorMessage, Loading, Notice } from '../ui/messages';
import { Page } from '../ui/page';
import { PlacementStatusBadge } from '../ui/status';
import { useLoad } from '../ui/use-load';

/**
 * Matched interns of the reviewer's organisation, of one round or all, with when each starts:
 * accepted ones wait for a confirmation.
 */
export function InternsPage() {
  const { t, date, dateTime } = useI18n();
  const rounds = useLoad(loadRounds, []);
  const [roundId, setRoundId] = useState('');
  const placements = useLoad(
    () =>
      readAll<Placement>((page) =>
        api.GET('/api/placements', {
          params: { query: { page, pageSize: 100, ...(roundId ? { roundId } : {}) } },
        }),
      ),
    [roundId],
  );
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>();
  const [notice, setNotice] = useState('');

  const confirm = async (placement: Placement) => {
    setBusy(placement.id);
    setError(undefined);
    try {
      const changed = await read<Placement>(
        api.POST('/api/placements/{id}/confirm', { params: { path: { id: placement.id } } }),
      );
      placements.set(
        (placements.data ?? []).map((p) => (p.id === changed.id ? { ...p, ...changed } : p)),
      );
      setNotice(t('interns.confirmedNotice', { name: placement.student?.fullName ?? '' }));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  };

  const order = {
    accepted: 0,
    awaiting_guardian: 1,
    offered: 2,
    confirmed: 3,
    declined: 4,
    expired: 5,
    withdrawn: 6,
  };
  const sorted = [...(placements.data ?? [])].sort(
    (a, b) =>
      order[a.status] - order[b.status] ||
      a.slot.startsOn.localeCompare(b.slot.startsOn) ||
      a.id.localeCompare(b.id),
  );
  return (
    <Page title={t('interns.title')} intro={t('interns.intro')}>
      <ErrorMessage error={rounds.error} />
      {rounds.data && rounds.data.length > 0 && (
        <form
          className="filters card"
          onSubmit={(e) => e.preventDefault()}
          aria-label={t('common.filters')}
        >
          <label>
            {t('common.round')}
            <select value={roundId} onChange={(e) => setRoundId(e.target.value)}>
              <option value="">{t('interns.allRounds')}</option>
              {rounds.data.map((round) => (
                <option key={round.id} value={round.id}>
                  {round.name} ({t(`round.${round.status}`)})
                </option>
              ))}
            </select>
          </label>
        </form>
      )}
      <DownloadButtons
        disabled={!placements.data}
        load={(format) =>
          api.GET('/api/placements', {
            params: { query: { format, ...(roundId ? { roundId } : {}) } },
            parseAs: 'blob',
          })
        }
      />
      {placements.loading && !placements.data && <Loading />}
      <ErrorMessage error={placements.error ?? error} />
      {notice && <Notice>{notice}</Notice>}
      {placements.data && placements.data.length === 0 && <p>{t('interns.none')}</p>}
      {sorted.length > 0 && (
        <div className="table-wrap" role="region" aria-label={t('interns.title')} tabIndex={0}>
          {/* On a phone each intern is a block, its cells under each other with their headings. */}
          <table className="table table-stack">
            <caption className="visually-hidden">{t('interns.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('interns.student')}</th>
                <th scope="col">{t('applicants.slot')}</th>
                <th scope="col">{t('interns.period')}</th>
                <th scope="col">{t('interns.status')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    {p.student?.fullName}
                    {p.student?.email && (
                      <>
                        <br />
                        <span className="muted small">{p.student.email}</span>
                      </>
                    )}
                  </th>
                  <td data-label={t('applicants.slot')}>{p.slot.title}</td>
                  <td>
                    <time dateTime={p.slot.startsOn}>{date(p.slot.startsOn)}</time> –{' '}
                    <time dateTime={p.slot.endsOn}>{date(p.slot.endsOn)}</time>
                  </td>
                  <td data-label={t('interns.status')}>
                    <PlacementStatusBadge status={p.status} />
                    {p.status === 'offered' && (
                      <span className="muted small">
                        {' '}
                        {t('interns.answerBy', { deadline: dateTime(p.deadlineAt) })}
                      </span>
                    )}
                  </td>
                  <td>
                    {p.status === 'accepted' && (
                      <button
                        type="button"
                        className="primary"
                        disabled={busy !== null}
                        onClick={() => void confirm(p)}
                        aria-label={t('interns.confirmNamed', { name: p.student?.fullName ?? '' })}
                      >
                        {t('interns.confirm')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
