import { useState } from 'react';
import { api, read } from '../api/client';
import type { FailedDeliveryPage, Retried } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { DownloadButtons } from '../ui/download-buttons';
import { ErrorMessage, Loading, Notice } from '../ui/messages';
import { Page } from '../ui/page';
import { useLoad } from '../ui/use-load';

function loadFailed(): Promise<FailedDeliveryPage> {
  return read<FailedDeliveryPage>(
    api.GET('/api/admin/notifications/failed', { params: { query: { pageSize: 100 } } }),
  );
}

/**
 * Notifications the worker gave up on, with the server's last answer, and "send again": after
 * an SMTP outage longer than the retries, or once a refused address is corrected.
 */
export function FailedNotificationsPage() {
  const { t, dateTime } = useI18n();
  const failed = useLoad(loadFailed, []);
  const [notice, setNotice] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const sendAgain = async (request: () => Promise<Retried>) => {
    setBusy(true);
    setError(undefined);
    try {
      const { retried } = await request();
      setNotice(t('failed.retried', { count: retried }));
      await failed.reload();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  const retryOne = (id: string) =>
    sendAgain(() =>
      read<Retried>(api.POST('/api/admin/notifications/{id}/retry', { params: { path: { id } } })),
    );
  const retryAll = () =>
    sendAgain(() => read<Retried>(api.POST('/api/admin/notifications/failed/retry')));

  const items = failed.data?.items ?? [];
  return (
    <Page title={t('failed.title')} intro={t('failed.intro')}>
      {notice && <Notice>{notice}</Notice>}
      <ErrorMessage error={failed.error ?? error} />
      {failed.loading && !failed.data && <Loading />}
      <DownloadButtons
        disabled={!failed.data}
        load={(format) =>
          api.GET('/api/admin/notifications/failed', {
            params: { query: { format } },
            parseAs: 'blob',
          })
        }
      />
      {failed.data && (
        <p className="muted" aria-live="polite">
          {t('failed.count', { total: failed.data.total })}
          {failed.data.total > 0 && (
            <>
              {' '}
              <button type="button" onClick={() => void retryAll()} disabled={busy}>
                {t('failed.retryAll')}
              </button>
            </>
          )}
        </p>
      )}
      {items.length > 0 && (
        <div className="table-wrap" role="region" aria-label={t('failed.title')} tabIndex={0}>
          <table className="table">
            <caption className="visually-hidden">{t('failed.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('failed.when')}</th>
                <th scope="col">{t('failed.event')}</th>
                <th scope="col">{t('failed.recipient')}</th>
                <th scope="col">{t('failed.attempts')}</th>
                <th scope="col">{t('failed.lastError')}</th>
                <th scope="col">{t('common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id}>
                  <td>{dateTime(item.createdAt)}</td>
                  <td>
                    {item.event} ({t(`failed.channel.${item.channel}`)})
                  </td>
                  <td>{item.recipientEmail}</td>
                  <td>{item.attempts}</td>
                  <td>{item.lastError ?? '–'}</td>
                  <td>
                    <button
                      type="button"
                      onClick={() => void retryOne(item.id)}
                      disabled={busy}
                      aria-label={t('failed.retryFor', { recipient: item.recipientEmail })}
                    >
                      {t('failed.retry')}
                    </button>
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
