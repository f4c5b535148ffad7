import { api, read } from '../api/client';
import type { AccessLogPage } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { ErrorMessage, Loading } from '../ui/messages';
import { Section } from '../ui/page';
import { useLoad } from '../ui/use-load';

/** Who else has read or changed the student's data (adgangslog), newest first. */
export function AccessLog() {
  const { t, dateTime } = useI18n();
  const log = useLoad(
    () =>
      read<AccessLogPage>(api.GET('/api/me/access-log', { params: { query: { pageSize: 20 } } })),
    [],
  );
  return (
    <Section title={t('accessLog.title')}>
      <p>{t('accessLog.intro')}</p>
      {log.loading && !log.data && <Loading />}
      <ErrorMessage error={log.error} />
      {log.data && log.data.items.length === 0 && <p>{t('accessLog.none')}</p>}
      {log.data && log.data.items.length > 0 && (
        <div className="table-wrap" role="region" aria-label={t('accessLog.title')} tabIndex={0}>
          <table className="table">
            <caption className="visually-hidden">{t('accessLog.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('accessLog.when')}</th>
                <th scope="col">{t('accessLog.who')}</th>
                <th scope="col">{t('accessLog.what')}</th>
              </tr>
            </thead>
            <tbody>
              {log.data.items.map((entry) => (
                <tr key={entry.id}>
                  <td>{dateTime(entry.at)}</td>
                  <td>
                    {entry.actor.role === 'worker'
                      ? t('accessLog.system')
                      : entry.actor.role === 'guardian'
                        ? t('accessLog.guardian')
                        : t(`role.${entry.actor.role}`)}
                    {entry.actor.organisation && `, ${entry.actor.organisation.name}`}
                  </td>
                  <td>{t(`accessLog.${entry.action}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {log.data.total > log.data.items.length && (
            <p className="muted small">
              {t('accessLog.more', { shown: log.data.items.length, total: log.data.total })}
            </p>
          )}
        </div>
      )}
    </Section>
  );
}
