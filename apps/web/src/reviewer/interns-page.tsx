import { useState } from 'react';
import { api, read, readAll } from '../api/client';
import type { Placement } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { ErrorMessage, Loading, Notice } from '../ui/messages';
import { Page } from '../ui/page';
import { PlacementStatusBadge } from '../ui/status';
import { useLoad } from '../ui/use-load';

/** Matched interns of the reviewer's organisation: accepted ones wait for a confirmation. */
export function InternsPage() {
  const { t, dateTime } = useI18n();
  const placements = useLoad(
    () =>
      readAll<Placement>((page) =>
        api.GET('/api/placements', { params: { query: { page, pageSize: 100 } } }),
      ),
    [],
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

  const order = { accepted: 0, offered: 1, confirmed: 2, declined: 3, expired: 4, withdrawn: 5 };
  const sorted = [...(placements.data ?? [])].sort((a, b) => order[a.status] - order[b.status]);
  return (
    <Page title={t('interns.title')} intro={t('interns.intro')}>
      {placements.loading && !placements.data && <Loading />}
      <ErrorMessage error={placements.error ?? error} />
      {notice && <Notice>{notice}</Notice>}
      {placements.data && placements.data.length === 0 && <p>{t('interns.none')}</p>}
      {sorted.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('interns.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('interns.student')}</th>
                <th scope="col">{t('applicants.slot')}</th>
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
                  <td>{p.slot.title}</td>
                  <td>
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
