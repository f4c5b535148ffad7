import { MouseEvent, ReactNode, useCallback, useEffect, useState } from 'react';
import { api, read } from '../api/client';
import type { Me, Role } from '../api/types';
import { AccountsPage } from '../admin/accounts-page';
import { FailedNotificationsPage } from '../admin/failed-notifications-page';
import { OrganisationsPage } from '../admin/organisations-page';
import { AllianceReportsPage } from '../admin/reports-page';
import { RoundsPage } from '../admin/rounds-page';
import { AdminStudentsPage } from '../admin/students-search-page';
import { AccountPage } from '../auth/account-page';
import { useSession } from '../auth/session';
import { ForgotPasswordPage, ResetPasswordPage } from '../auth/password-reset-pages';
import { InvitationPage, SignInPage } from '../auth/sign-in-page';
import { RosterImportPage } from '../coordinator/import-page';
import { SchoolReportPage } from '../coordinator/report-page';
import { CoordinatorStudentPage, studentIdInAddress } from '../coordinator/student-page';
import { CoordinatorStudentsPage } from '../coordinator/students-page';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/da';
import { ApplicantsPage } from '../reviewer/applicants-page';
import { FollowUpPage, followUpToken } from '../follow-up/follow-up-page';
import { GuardianConsentPage, guardianToken } from '../guardian/guardian-consent-page';
import { InternsPage } from '../reviewer/interns-page';
import { HiringNeedsPage } from '../pipeline/hiring-needs-page';
import { PipelinePage } from '../pipeline/pipeline-page';
import { OutcomesPage } from '../pipeline/outcomes-page';
import { SupplyDemandPage } from '../pipeline/supply-demand-page';
import { ReviewerSlotsPage } from '../reviewer/my-slots-page';
import { StudentOverviewPage } from '../student/overview-page';
import { StudentEnrolmentsPage } from '../student/enrolments-page';
import { StudentProfilePage } from '../student/profile-page';
import { StudentRankingPage } from '../student/ranking-page';
import { StudentSlotsPage } from '../student/slots-page';
import { Loading, Notice } from '../ui/messages';
import { useFocusRescue } from '../ui/focus-rescue';
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
    { path: '/outcomes', label: 'nav.outcomes', render: () => <OutcomesPage /> },
    { path: '/profile', label: 'nav.profile', render: () => <StudentProfilePage /> },
    { path: '/enrolments', label: 'nav.enrolments', render: () => <StudentEnrolmentsPage /> },
  ],
  coordinator: [
    { path: '/students', label: 'nav.students', render: () => <CoordinatorStudentsPage /> },
    { path: '/students/import', label: 'nav.import', render: () => <RosterImportPage /> },
    {
      path: '/students/student',
      label: 'nav.students',
      render: () => <CoordinatorStudentPage id={studentIdInAddress()} />,
      hidden: true,
    },
    { path: '/school-report', label: 'nav.schoolReport', render: () => <SchoolReportPage /> },
    { path: '/outcomes', label: 'nav.outcomes', render: () => <OutcomesPage /> },
    { path: '/supply-demand', label: 'nav.supplyDemand', render: () => <SupplyDemandPage /> },
    { path: '/pipeline', label: 'nav.pipeline', render: () => <PipelinePage /> },
  ],
  reviewer: [
    { path: '/my-slots', label: 'nav.mySlots', render: () => <ReviewerSlotsPage /> },
    { path: '/applicants', label: 'nav.applicants', render: () => <ApplicantsPage /> },
    { path: '/interns', label: 'nav.interns', render: () => <InternsPage /> },
    { path: '/outcomes', label: 'nav.outcomes', render: () => <OutcomesPage /> },
    { path: '/hiring-needs', label: 'nav.hiringNeeds', render: () => <HiringNeedsPage /> },
    { path: '/supply-demand', label: 'nav.supplyDemand', render: () => <SupplyDemandPage /> },
    { path: '/pipeline', label: 'nav.pipeline', render: () => <PipelinePage /> },
  ],
  admin: [
    { path: '/rounds', label: 'nav.rounds', render: () => <RoundsPage /> },
    { path: '/reports', label: 'nav.reports', render: () => <AllianceReportsPage /> },
    { path: '/students', label: 'nav.students', render: () => <AdminStudentsPage /> },
    {
      path: '/students/student',
      label: 'nav.students',
      render: () => <CoordinatorStudentPage id={studentIdInAddress()} />,
      hidden: true,
    },
    { path: '/outcomes', label: 'nav.outcomes', render: () => <OutcomesPage /> },
    { path: '/supply-demand', label: 'nav.supplyDemand', render: () => <SupplyDemandPage /> },
    { path: '/pipeline', label: 'nav.pipeline', render: () => <PipelinePage /> },
    { path: '/hiring-needs', label: 'nav.hiringNeeds', render: () => <HiringNeedsPage /> },
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

  if (path === '/forgot-password') return <Shell>{<ForgotPasswordPage />}</Shell>;
  if (path === '/reset-password')
    return <Shell>{<ResetPasswordPage token={query.get('token') ?? ''} />}</Shell>;
  if (path === '/invitation')
    return <Shell>{<InvitationPage token={query.get('token') ?? ''} />}</Shell>;
  // A guardian has no account: the one-time link is all they need.
  if (path === '/guardian-consent')
    return <Shell>{<GuardianConsentPage token={guardianToken(window.location.hash)} />}</Shell>;
  // The follow-up is answered without signing in, by its single-use link.
  if (path === '/follow-up')
    return <Shell>{<FollowUpPage token={followUpToken(window.location.hash)} />}</Shell>;
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
      {path === '/account' ? (
        <AccountPage />
      ) : path === '/notifications' ? (
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

/**
 * Who is signed in, without saying the same twice (an account named after its role) and
 * without a role word for students: a gymnasium pupil is an "elev", a university student a
 * "studerende", and their name is enough.
 */
function signedInAs(me: Me, t: ReturnType<typeof useI18n>['t']): string {
  const role = t(`role.${me.role}`);
  if (me.role === 'student') return t('shell.signedInAsName', { name: me.displayName });
  if (me.displayName.trim().toLowerCase() === role.toLowerCase())
    return t('shell.signedInAsRole', { role });
  return t('shell.signedInAs', { name: me.displayName, role });
}

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

const NOTIFICATIONS_CHANGED = 'biotekbyen:notifications';

const mainElement = () => document.getElementById('main');

function Shell({ children, screens }: { children: ReactNode; screens?: Screen[] }) {
  const { t, language, setLanguage } = useI18n();
  const { me, signOut, restored } = useSession();
  const { path } = useLocation();
  const unread = useUnread(me !== null, path);
  useFocusRescue(mainElement);

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
              <Link to="/account" aria-current={path === '/account' ? 'page' : undefined}>
                {t('shell.account')}
              </Link>
            )}
            {me && (
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  void signOut().then(() => navigate('/sign-in'));
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
            {signedInAs(me, t)}
            {me.organisation && ` · ${me.organisation.name}`}
          </p>
        )}
        {me && restored > 0 && <Notice>{t('shell.restored')}</Notice>}
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
