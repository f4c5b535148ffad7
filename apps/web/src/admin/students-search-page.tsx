import { FormEvent, useEffect, useState } from 'react';
import { api, read } from '../api/client';
import type { Student, StudentPage } from '../api/types';
import { Link } from '../app/router';
import { studentPageHref } from '../coordinator/student-page';
import { useI18n } from '../i18n/i18n';
import { ErrorMessage, Loading } from '../ui/messages';
import { Page } from '../ui/page';
import { useLoad } from '../ui/use-load';
import { useStoredState } from '../ui/use-stored-state';
import { loadOrganisations } from './organisations-page';

/** At most this many students are shown for one search: a longer answer asks to narrow it. */
export const STUDENT_SEARCH_LIMIT = 25;

/** The shortest text searched for, so that one letter does not list a whole school. */
const MIN_QUERY = 2;

interface Search {
  q: string;
  schoolId: string;
}

/**
 * Admins find a student by name or e-mail (in one school or all), and open the same page the
 * student's coordinator has. One page of GET /api/students per search, which logs whom it shows.
 */
export function AdminStudentsPage() {
  const { t } = useI18n();
  const [stored, store] = useStoredState<Search>('admin-students', { q: '', schoolId: '' });
  // A link from the accounts names the student by e-mail in the address (?q=).
  const [search, setSearch] = useState<Search>(() => {
    const linked = new URLSearchParams(window.location.search).get('q');
    return linked ? { q: linked, schoolId: '' } : stored;
  });
  useEffect(() => store(search), [search, store]);
  const [draft, setDraft] = useState(search);
  const schools = useLoad(
    () => loadOrganisations().then((all) => all.filter((o) => o.kind === 'school')),
    [],
  );
  const ready = search.q.trim().length >= MIN_QUERY;
  const found = useLoad(
    () =>
      ready
        ? read<StudentPage>(
            api.GET('/api/students', {
              params: {
                query: {
                  q: search.q.trim(),
                  schoolId: search.schoolId || undefined,
                  page: 1,
                  pageSize: STUDENT_SEARCH_LIMIT,
                },
              },
            }),
          )
        : Promise.resolve(null),
    [ready, search.q, search.schoolId],
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSearch({ q: draft.q.trim(), schoolId: draft.schoolId });
  };

  return (
    <Page title={t('adminStudents.title')} intro={t('adminStudents.intro')}>
      <form role="search" className="filters card" onSubmit={submit}>
        <label>
          {t('students.search')}
          <input
            type="search"
            required
            minLength={MIN_QUERY}
            maxLength={200}
            value={draft.q}
            onChange={(e) => setDraft({ ...draft, q: e.target.value })}
          />
        </label>
        <label>
          {t('adminStudents.school')}
          <select
            value={draft.schoolId}
            onChange={(e) => setDraft({ ...draft, schoolId: e.target.value })}
          >
            <option value="">{t('common.all')}</option>
            {(schools.data ?? []).map((school) => (
              <option key={school.id} value={school.id}>
                {school.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary">
          {t('adminStudents.submit')}
        </button>
      </form>
      <ErrorMessage error={schools.error ?? found.error} />
      {found.loading && <Loading />}
      <div aria-live="polite">
        {found.data && (
          <p className="muted">
            {found.data.total > found.data.items.length
              ? t('adminStudents.narrow', {
                  shown: found.data.items.length,
                  total: found.data.total,
                })
              : t('adminStudents.found', { count: found.data.total })}
          </p>
        )}
      </div>
      {found.data && found.data.items.length > 0 && (
        <ul className="stack" aria-label={t('adminStudents.results')}>
          {found.data.items.map((student) => (
            <StudentRow key={student.id} student={student} />
          ))}
        </ul>
      )}
    </Page>
  );
}

function StudentRow({ student }: { student: Student }) {
  return (
    <li>
      <Link to={studentPageHref(student.id)}>{student.fullName}</Link>
      <br />
      <span className="muted small break">
        {student.email} · {student.school.name} · {student.programme.name}
      </span>
    </li>
  );
}
