import { MouseEvent, ReactNode, useCallback, useEffect, useState } from 'react';
import { api, read } from '../api/client';
import type { Role } from '../api/types';
import { AccountsPage } from '../admin/accounts-page';
import { FailedNotificationsPage } from '../admin/failed-notifications-page';
import { OrganisationsPage } from '../admin/organisations-page';
import { AllianceReportsPage } from '../admin/reports-page';
import { RoundsPage } from '../admin/rounds-page';
import { useSession } from '../auth/session';
import { InvitationPage, SignInPage } from '../auth/sign-in-page';
import { RosterImportPage } from '../coordinator/import-page';
import { SchoolReportPage } from '../coordinator/report-page';
import { CoordinatorStudentsPage } from '../coordinator/students-page';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/da';
import { ApplicantsPage } from '../reviewer/applicants-page';
import { InternsPage } from '../reviewer/interns-page';
import { ReviewerSlotsPage } from '../reviewer/my-slots-page';
import { StudentOverviewPage } from '../student/overview-page';
import { StudentProfilePage } from '../student/profile-page';
import { StudentRankingPage } from '../student/ranking-page';
import { StudentSlotsPage } from '../student/slots-page';
import { Loading } from '../ui/messages';
import { Page } from '../ui/page';
import { screenForLink } from './links';
import { loadNotifications, NotificationsPage } from './notifications-page';
import { Link, navigate, useLocation } from './router';

interface Screen {
  path: string;
  label: MessageKey;
  render(): ReactNode;
  /** Reached from another screen, not from the menu. */
  hidden?: boolean;
}

/**
 * The screens of each role. No page address starts with /api, /docs or /admin: those belong
 * to the server (the api, its documentation and the queue dashboard).
 */
const SCREENS: Record<Role, Screen[]> = {
  student: [
    { path: '/overview', label: 'nav.overview', render: () => <StudentOverviewPage /> },
    { path: '/slots', label: 'nav.slots', render: () => <StudentSlotsPage /> },
    { path: '/ranking', label: 'nav.ranking', render: () => <StudentRankingPage /> },
    { path: '/profile', label: 'nav.profile', render: () => <StudentProfilePage /> },
  ],
  coordinator: [
    { path: '/students', label: 'nav.students', render: () => <CoordinatorStudentsPage /> },
    { path: '/students/import', label: 'nav.import', render: () => <RosterImportPage /> },
    { path: '/school-report', label: 'nav.schoolReport', render: () => <SchoolReportPage /> },
  ],
  reviewer: [
    { path: '/my-slots', label: 'nav.mySlots', render: () => <ReviewerSlotsPage /> },
    { path: '/applicants', label: 'nav.applicants', render: () => <ApplicantsPage /> },
    { path: '/interns', label: 'nav.interns', render: () => <InternsPage /> },
  ],
  admin: [
    { path: '/rounds', label: 'nav.rounds', render: () => <RoundsPage /> },
    { path: '/reports', label: 'nav.reports', render: () => <AllianceReportsPage /> },
    { path: '/organisations', label: 'nav.organisations', render: () => <OrganisationsPage /> },
    { path: '/accounts', label: 'nav.accounts', render: () => <AccountsPage /> },
    {
      path: '/failed-notifications',
      label: 'nav.failedNotifications',
      render: () => <FailedNotificationsPage />,
    },
  ],
};

export function App() {
  const { me, checking } = useSession();
  const { path, query } = useLocation();
  const { t } = useI18n();

  if (path === '/invitation')
    return <Shell>{<InvitationPage token={query.get('token') ?? ''} />}</Shell>;
  if (checking)
    return (
      <Shell>
        <Loading />
      </Shell>
    );
  if (!me) {
    // After signing in, the reader lands where the link they followed pointed.
    if (path !== '/sign-in') {
      const next = path === '/' ? '' : `?next=${encodeURIComponent(path + window.location.search)}`;
      return <Redirect to={`/sign-in${next}`} />;
    }
    return (
      <Shell>
        <SignInPage />
      </Shell>
    );
  }
  const screens = SCREENS[me.role];
  if (path === '/' || path === '/sign-in') return <Redirect to={screens[0].path} />;
  const linked = screenForLink(path, me.role);
  if (linked) return <Redirect to={linked} />;
  const screen = screens.find((s) => s.path === path);
  return (
    <Shell screens={screens}>
      {path === '/notifications' ? (
        <NotificationsPage onRead={() => window.dispatchEvent(new Event(NOTIFICATIONS_CHANGED))} />
      ) : screen ? (
        screen.render()
      ) : (
        <Page title={t('notFound.title')}>
          <p>{t('notFound.text')}</p>
          <Link to="/">{t('notFound.home')}</Link>
        </Page>
      )}
    </Shell>
  );
}

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

const NOTIFICATIONS_CHANGED = 'biotekbyen:notifications';

function Shell({ children, screens }: { children: ReactNode; screens?: Screen[] }) {
  const { t, language, setLanguage } = useI18n();
  const { me, signOut } = useSession();
  const { path } = useLocation();
  const unread = useUnread(me !== null, path);

  return (
    <>
      <a className="skip-link" href="#main">
        {t('shell.skip')}
      </a>
      <header className="header">
        <div className="header-inner">
          <Link to="/" className="brand">
            <span className="brand-mark" aria-hidden="true">
              B
            </span>
            Biotekbyen Match
          </Link>
          <div className="header-tools">
            <button
              type="button"
              className="language"
              lang={language === 'da' ? 'en' : 'da'}
              onClick={() => setLanguage(language === 'da' ? 'en' : 'da')}
            >
              {language === 'da' ? 'English' : 'Dansk'}
            </button>
            {me && (
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  signOut();
                  navigate('/sign-in');
                }}
              >
                {t('shell.signOut')}
              </button>
            )}
          </div>
        </div>
        {me && screens && (
          <nav aria-label={t('shell.menu')} className="nav">
            <ul>
              {screens
                .filter((s) => !s.hidden)
                .map((s) => (
                  <li key={s.path}>
                    <Link to={s.path} aria-current={s.path === path ? 'page' : undefined}>
                      {t(s.label)}
                    </Link>
                  </li>
                ))}
              <li>
                <Link
                  to="/notifications"
                  aria-current={path === '/notifications' ? 'page' : undefined}
                >
                  {t('nav.notifications')}
                  {unread > 0 && (
                    <span className="count">
                      {unread}
                      <span className="visually-hidden"> {t('notifications.unread')}</span>
                    </span>
                  )}
                </Link>
              </li>
              {me.role === 'admin' && (
                <li>
                  <QueuesLink label={t('nav.queues')} />
                </li>
              )}
            </ul>
          </nav>
        )}
      </header>
      <main id="main" className="main">
        {me && (
          <p className="who">
            {t('shell.signedInAs', { name: me.displayName, role: t(`role.${me.role}`) })}
            {me.organisation && ` · ${me.organisation.name}`}
          </p>
        )}
        {children}
      </main>
    </>
  );
}

/**
 * The queue dashboard is a server page outside the app: it takes a short board session (a
 * cookie) opened with the admin's token, then the browser goes there.
 */
function QueuesLink({ label }: { label: string }) {
  const go = async (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    await read(api.POST('/api/admin/queues/session')).catch(() => undefined);
    window.location.assign('/admin/queues');
  };
  return (
    <a href="/admin/queues" onClick={(event) => void go(event)}>
      {label}
    </a>
  );
}

/** Unread notifications, checked on every page change; 0 when the route does not answer. */
function useUnread(signedIn: boolean, path: string): number {
  const [unread, setUnread] = useState(0);
  const check = useCallback(() => {
    if (!signedIn) return;
    loadNotifications()
      .then((n) => setUnread(n.unread))
      .catch(() => setUnread(0));
  }, [signedIn]);
  useEffect(check, [check, path]);
  useEffect(() => {
    window.addEventListener(NOTIFICATIONS_CHANGED, check);
    return () => window.removeEventListener(NOTIFICATIONS_CHANGED, check);
  }, [check]);
  return unread;
}
