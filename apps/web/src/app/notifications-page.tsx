import { useState } from 'react';
import { api, read } from '../api/client';
import type { NotificationItem, NotificationPage } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { ErrorMessage, Loading } from '../ui/messages';
import { Page } from '../ui/page';
import { useLoad } from '../ui/use-load';
import { Link } from './router';

export function loadNotifications(): Promise<NotificationPage> {
  return read<NotificationPage>(
    api.GET('/api/me/notifications', { params: { query: { pageSize: 50 } } }),
  );
}

export function NotificationsPage({ onRead }: { onRead(): void }) {
  const { t, dateTime } = useI18n();
  const list = useLoad(loadNotifications, []);
  const [error, setError] = useState<unknown>();

  const markRead = async (item: NotificationItem) => {
    setError(undefined);
    try {
      const changed = await read<NotificationItem>(
        api.POST('/api/me/notifications/{id}/read', { params: { path: { id: item.id } } }),
      );
      if (list.data)
        list.set({
          ...list.data,
          unread: Math.max(0, list.data.unread - 1),
          items: list.data.items.map((n) => (n.id === item.id ? changed : n)),
        });
      onRead();
    } catch (caught) {
      setError(caught);
    }
  };

  const markAllRead = async () => {
    setError(undefined);
    try {
      await read(api.POST('/api/me/notifications/read-all'));
      const now = new Date().toISOString();
      if (list.data)
        list.set({
          ...list.data,
          unread: 0,
          items: list.data.items.map((n) => (n.readAt ? n : { ...n, readAt: now })),
        });
      onRead();
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <Page title={t('notifications.title')}>
      {list.loading && !list.data && <Loading />}
      <ErrorMessage error={list.error ?? error} />
      {(list.data?.unread ?? 0) > 0 && (
        <p>
          <button type="button" className="secondary" onClick={() => void markAllRead()}>
            {t('notifications.markAllRead')}
          </button>
        </p>
      )}
      {list.data && list.data.items.length === 0 && <p>{t('notifications.none')}</p>}
      <ul className="cards">
        {list.data?.items.map((item) => (
          <li key={item.id} className={`card notification ${item.readAt ? 'read' : 'unread'}`}>
            <h2>
              {!item.readAt && <span className="badge unread-dot">{t('notifications.new')}</span>}{' '}
              {item.title}
            </h2>
            <p className="muted">{dateTime(item.createdAt)}</p>
            {/* A short text since each kind has its own; older messages hold the whole e-mail. */}
            <p className="pre-line">{item.body}</p>
            <div className="actions">
              {appPath(item.link) && (
                // Many messages each have a link: its name says which message it opens.
                <Link to={appPath(item.link) ?? '/'} className="button secondary">
                  {t('notifications.open')}
                  <span className="visually-hidden">: {item.title}</span>
                </Link>
              )}
              {!item.readAt && (
                <button type="button" className="secondary" onClick={() => void markRead(item)}>
                  {t('notifications.markRead')}
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
    </Page>
  );
}

/**
 * The page of this app a notification points to: its link is the e-mail's, under PUBLIC_URL,
 * which may name another host than this browser uses (a proxy, another port).
 */
export function appPath(link: string | null | undefined): string | undefined {
  if (!link) return undefined;
  try {
    const url = new URL(link, window.location.origin);
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return undefined;
  }
}
