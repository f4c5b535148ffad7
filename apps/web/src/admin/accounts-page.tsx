import { FormEvent, useMemo, useState } from 'react';
import { api, read, readAll } from '../api/client';
import type { AdminUser, Role, ThrottledAccount, UiLanguage } from '../api/types';
import { Link } from '../app/router';
import { useMe } from '../auth/session';
import { useI18n } from '../i18n/i18n';
import { DownloadButtons } from '../ui/download-buttons';
import { ErrorMessage, Loading, Notice } from '../ui/messages';
import { Page, Section } from '../ui/page';
import { useLoad } from '../ui/use-load';
import { loadOrganisations } from './organisations-page';

const ROLES: Role[] = ['student', 'coordinator', 'reviewer', 'admin'];
type StaffRole = Exclude<Role, 'student'>;

export function AccountsPage() {
  const { t, dateTime } = useI18n();
  const me = useMe();
  const [switched, setSwitched] = useState<string>();
  const [switchError, setSwitchError] = useState<unknown>();
  const [switching, setSwitching] = useState<string>();
  const users = useLoad(
    () =>
      readAll<AdminUser>((page) =>
        api.GET('/api/admin/users', { params: { query: { page, pageSize: 100 } } }),
      ),
    [],
  );
  const [role, setRole] = useState<Role | ''>('');
  const [query, setQuery] = useState('');
  const [invitation, setInvitation] = useState<{ user: AdminUser; link: string } | null>(null);

  const needle = query.trim().toLowerCase();
  const shown = (users.data ?? []).filter(
    (u) =>
      (!role || u.role === role) &&
      (!needle ||
        u.email.toLowerCase().includes(needle) ||
        u.displayName.toLowerCase().includes(needle)),
  );

  const setActive = async (user: AdminUser, active: boolean) => {
    setSwitching(user.id);
    setSwitchError(undefined);
    setSwitched(undefined);
    try {
      const path = active ? '/api/admin/users/{id}/reactivate' : '/api/admin/users/{id}/deactivate';
      const changed = await read<AdminUser>(api.POST(path, { params: { path: { id: user.id } } }));
      users.set((users.data ?? []).map((u) => (u.id === changed.id ? changed : u)));
      setSwitched(
        t(active ? 'accounts.reactivateDone' : 'accounts.deactivateDone', {
          name: changed.displayName,
        }),
      );
    } catch (caught) {
      setSwitchError(caught);
    } finally {
      setSwitching(undefined);
    }
  };

  return (
    <Page title={t('accounts.title')} intro={t('accounts.intro')}>
      <Section title={t('accounts.create')}>
        <CreateStaff
          onCreated={(user, token) => {
            users.set([user, ...(users.data ?? [])]);
            setInvitation({ user, link: `${window.location.origin}/invitation?token=${token}` });
          }}
        />
        {invitation && (
          <Notice>
            {t('accounts.invitation', { email: invitation.user.email })}{' '}
            <code className="break">{invitation.link}</code>
          </Notice>
        )}
      </Section>
      <ThrottledAccounts />
      <ErrorMessage error={users.error} />
      {users.loading && !users.data && <Loading />}
      <form
        className="filters card"
        onSubmit={(e) => e.preventDefault()}
        aria-label={t('common.filters')}
      >
        <label>
          {t('accounts.role')}
          <select value={role} onChange={(e) => setRole(e.target.value as Role | '')}>
            <option value="">{t('common.all')}</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('students.search')}
          <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
        </label>
      </form>
      <DownloadButtons
        disabled={!users.data}
        load={(format) =>
          api.GET('/api/admin/users', {
            params: {
              query: { format, ...(role ? { role } : {}), ...(needle ? { q: needle } : {}) },
            },
            parseAs: 'blob',
          })
        }
      />
      {users.data && (
        <p className="muted" aria-live="polite">
          {t('students.count', { shown: shown.length, total: users.data.length })}
        </p>
      )}
      <div aria-live="polite">{switched && <Notice>{switched}</Notice>}</div>
      <ErrorMessage error={switchError} />
      <div className="table-wrap" role="region" aria-label={t('accounts.title')} tabIndex={0}>
        <table className="table">
          <caption className="visually-hidden">{t('accounts.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('accounts.name')}</th>
              <th scope="col">{t('accounts.role')}</th>
              <th scope="col">{t('accounts.organisation')}</th>
              <th scope="col">{t('accounts.lastLogin')}</th>
              <th scope="col">{t('accounts.access')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((u) => (
              <tr key={u.id}>
                <th scope="row">
                  {u.role === 'student' ? (
                    <Link to={`/students?q=${encodeURIComponent(u.email)}`}>{u.displayName}</Link>
                  ) : (
                    u.displayName
                  )}
                  <br />
                  <span className="muted small">{u.email}</span>
                  {!u.activated && (
                    <span className="badge muted-badge">{t('students.notActivated')}</span>
                  )}
                  {!u.active && (
                    <span className="badge muted-badge">{t('accounts.deactivated')}</span>
                  )}
                </th>
                <td>{t(`role.${u.role}`)}</td>
                <td>{u.organisation?.name ?? '–'}</td>
                <td>{u.lastLoginAt ? dateTime(u.lastLoginAt) : '–'}</td>
                <td>
                  {u.id === me.id ? (
                    <span className="muted">{t('accounts.you')}</span>
                  ) : u.role === 'student' ? (
                    '–'
                  ) : (
                    <label className="switch">
                      <input
                        type="checkbox"
                        role="switch"
                        checked={u.active}
                        disabled={switching === u.id}
                        aria-label={t(u.active ? 'accounts.deactivate' : 'accounts.reactivate', {
                          name: u.displayName,
                        })}
                        onChange={() => void setActive(u, !u.active)}
                      />
                      <span aria-hidden="true">
                        {u.active ? t('accounts.access') : t('accounts.deactivated')}
                      </span>
                    </label>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Page>
  );
}

function CreateStaff({ onCreated }: { onCreated(user: AdminUser, invitationToken: string): void }) {
  const { t } = useI18n();
  const organisations = useLoad(loadOrganisations, []);
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<StaffRole>('coordinator');
  const [organisationId, setOrganisationId] = useState('');
  const [language, setLanguage] = useState<UiLanguage>('da');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const choices = useMemo(
    () =>
      (organisations.data ?? []).filter((o) =>
        role === 'coordinator'
          ? o.kind === 'school'
          : role === 'reviewer'
            ? o.kind === 'employer' || o.kind === 'public'
            : false,
      ),
    [organisations.data, role],
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const result = await read<{ user: AdminUser; invitationToken: string }>(
        api.POST('/api/admin/users', {
          body: {
            email: email.trim(),
            displayName: displayName.trim(),
            role,
            // The document types the id loosely (an object); the api takes a uuid or null.
            organisationId: (role === 'admin' ? null : organisationId) as unknown as Record<
              string,
              never
            >,
            language,
          },
        }),
      );
      setEmail('');
      setDisplayName('');
      onCreated(result.user, result.invitationToken);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} className="stack">
      <div className="row">
        <label>
          {t('accounts.name')}
          <input required value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
        </label>
        <label>
          {t('signIn.email')}
          <input type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
      </div>
      <div className="row">
        <label>
          {t('accounts.role')}
          <select
            value={role}
            onChange={(e) => {
              setRole(e.target.value as StaffRole);
              setOrganisationId('');
            }}
          >
            {(['coordinator', 'reviewer', 'admin'] as const).map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </label>
        {role !== 'admin' && (
          <label>
            {t('accounts.organisation')}
            <select
              required
              value={organisationId}
              onChange={(e) => setOrganisationId(e.target.value)}
            >
              <option value="">{t('accounts.choose')}</option>
              {choices.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          {t('accounts.language')}
          <select value={language} onChange={(e) => setLanguage(e.target.value as UiLanguage)}>
            <option value="da">Dansk</option>
            <option value="en">English</option>
          </select>
        </label>
      </div>
      <ErrorMessage error={error} />
      <button type="submit" className="primary" disabled={busy}>
        {t('accounts.createSubmit')}
      </button>
    </form>
  );
}

function ThrottledAccounts() {
  const { t, dateTime } = useI18n();
  const throttled = useLoad(
    () =>
      read<{ items: ThrottledAccount[] }>(
        api.GET('/api/admin/users/throttled', { params: { query: { pageSize: 100 } } }),
      ),
    [],
  );
  const items = throttled.data?.items ?? [];
  return (
    <Section title={t('accounts.throttled')}>
      <p className="muted">{t('accounts.throttledIntro')}</p>
      <ErrorMessage error={throttled.error} />
      {throttled.loading && !throttled.data && <Loading />}
      {throttled.data && items.length === 0 && <p>{t('accounts.throttledNone')}</p>}
      {items.length > 0 && (
        <div className="table-wrap" role="region" aria-label={t('accounts.throttled')} tabIndex={0}>
          <table className="table">
            <caption className="visually-hidden">{t('accounts.throttled')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('accounts.name')}</th>
                <th scope="col">{t('accounts.role')}</th>
                <th scope="col">{t('accounts.throttledAddresses')}</th>
                <th scope="col">{t('accounts.throttledUntil')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <tr key={a.userId}>
                  <th scope="row">
                    {a.displayName}
                    <br />
                    <span className="muted small">{a.email}</span>
                  </th>
                  <td>{t(`role.${a.role}`)}</td>
                  <td>{a.addresses}</td>
                  <td>{dateTime(a.blockedUntil)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}
