import { FormEvent, useEffect, useRef, useState } from 'react';
import { api, ApiError, read, readAll } from '../api/client';
import type { HiringNeeds, Named, Programme } from '../api/types';
import { useMe } from '../auth/session';
import { wordError } from '../i18n/error-texts';
import { useI18n } from '../i18n/i18n';
import { DownloadButtons } from '../ui/download-buttons';
import { ErrorMessage, Loading, Notice } from '../ui/messages';
import { Page } from '../ui/page';
import { useLoad } from '../ui/use-load';

interface Need {
  programmeId: string;
  year: number;
  count: number;
}

const NEXT_YEAR = new Date().getFullYear() + 1;

/** Hosts an admin may state hiring needs for: employers and public bodies. */
async function loadHosts(): Promise<Named[]> {
  const kinds = ['employer', 'public'] as const;
  const lists = await Promise.all(
    kinds.map((kind) =>
      readAll<Named>((page) =>
        api.GET('/api/organizations', { params: { query: { kind, page, pageSize: 100 } } }),
      ),
    ),
  );
  return lists.flat().sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * An organisation's hiring needs (rekrutteringsbehov) per programme and year: edited as a whole
 * and saved in one go, or set from a CSV file. Reviewers edit their own organisation's; admins
 * pick a host.
 */
export function HiringNeedsPage() {
  const { t } = useI18n();
  const me = useMe();
  const isAdmin = me.role === 'admin';
  const hosts = useLoad(() => (isAdmin ? loadHosts() : Promise.resolve([])), [isAdmin]);
  const [hostId, setHostId] = useState(isAdmin ? '' : (me.organisation?.id ?? ''));
  const programmes = useLoad(
    () =>
      readAll<Programme>((page) =>
        api.GET('/api/programmes', { params: { query: { page, pageSize: 100 } } }),
      ),
    [],
  );

  return (
    <Page title={t('pipeline.hiringNeedsTitle')} intro={t('pipeline.hiringNeedsIntro')}>
      {isAdmin && (
        <form className="filters card" onSubmit={(e) => e.preventDefault()}>
          <label>
            {t('pipeline.host')}
            <select value={hostId} onChange={(e) => setHostId(e.target.value)}>
              <option value="">{t('pipeline.pickHost')}</option>
              {hosts.data?.map((host) => (
                <option key={host.id} value={host.id}>
                  {host.name}
                </option>
              ))}
            </select>
          </label>
        </form>
      )}
      <ErrorMessage error={programmes.error} />
      {hostId && programmes.data && (
        <HiringNeedsEditor key={hostId} hostId={hostId} programmes={programmes.data} />
      )}
    </Page>
  );
}

function HiringNeedsEditor({ hostId, programmes }: { hostId: string; programmes: Programme[] }) {
  const { t, language } = useI18n();
  const path = { params: { path: { id: hostId } } };
  const needs = useLoad(
    () => read<HiringNeeds>(api.GET('/api/organizations/{id}/hiring-needs', path)),
    [hostId],
  );
  const [rows, setRows] = useState<Need[]>([]);
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  const file = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (needs.data) {
      setRows(
        needs.data.items.map(({ programmeId, year, count }) => ({ programmeId, year, count })),
      );
    }
  }, [needs.data]);

  const change = (index: number, patch: Partial<Need>) =>
    setRows((current) => current.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  const done = (result: HiringNeeds) => {
    needs.set(result);
    setSaved(true);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setSaved(false);
    try {
      done(
        await read<HiringNeeds>(
          api.PUT('/api/organizations/{id}/hiring-needs', { ...path, body: { items: rows } }),
        ),
      );
    } catch (caught) {
      setError(caught);
    }
  };

  const importCsv = async (event: FormEvent) => {
    event.preventDefault();
    const chosen = file.current?.files?.[0];
    if (!chosen) return;
    setError(undefined);
    setSaved(false);
    const form = new FormData();
    form.append('file', chosen);
    try {
      // The document types the file as a string (binary); the browser sends the FormData as is.
      const body = form as unknown as { file: string };
      done(
        await read<HiringNeeds>(
          api.POST('/api/organizations/{id}/hiring-needs/import', { ...path, body }),
        ),
      );
      if (file.current) file.current.value = '';
    } catch (caught) {
      setError(caught);
    }
  };

  if (needs.loading && !needs.data) return <Loading />;
  const rowErrors = error instanceof ApiError ? (error.body?.errors ?? []) : [];
  return (
    <>
      <DownloadButtons
        disabled={!needs.data}
        load={(format) =>
          api.GET('/api/organizations/{id}/hiring-needs', {
            params: { path: { id: hostId }, query: { format } },
            parseAs: 'blob',
          })
        }
      />
      <ErrorMessage error={needs.error ?? error} />
      {rowErrors.length > 0 && (
        <ul>
          {rowErrors.map((e) => (
            <li key={`${e.row}-${e.field}-${e.message}`}>
              {t('pipeline.csvRow', { row: e.line ?? (e.row ?? 0) + 1, field: e.field ?? '' })}:{' '}
              {wordError(language, { ...e, field: undefined }) ?? e.message}
            </li>
          ))}
        </ul>
      )}
      {saved && <Notice>{t('pipeline.saved')}</Notice>}
      <form className="card" onSubmit={save}>
        {rows.length === 0 && <p>{t('pipeline.noNeeds')}</p>}
        {rows.map((row, index) => (
          <fieldset key={index} className="filters">
            <legend className="visually-hidden">{t('pipeline.need', { n: index + 1 })}</legend>
            <label>
              {t('pipeline.programme')}
              <select
                value={row.programmeId}
                onChange={(e) => change(index, { programmeId: e.target.value })}
                required
              >
                <option value="">–</option>
                {programmes.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name} ({p.school.name})
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('pipeline.year')}
              <input
                type="number"
                min={2000}
                max={2100}
                value={row.year}
                onChange={(e) => change(index, { year: Number(e.target.value) })}
                required
              />
            </label>
            <label>
              {t('pipeline.count')}
              <input
                type="number"
                min={0}
                max={100000}
                value={row.count}
                onChange={(e) => change(index, { count: Number(e.target.value) })}
                required
              />
            </label>
            <button
              type="button"
              onClick={() => setRows((current) => current.filter((_, i) => i !== index))}
            >
              {t('pipeline.remove')}
            </button>
          </fieldset>
        ))}
        <button
          type="button"
          onClick={() =>
            setRows((current) => [...current, { programmeId: '', year: NEXT_YEAR, count: 1 }])
          }
        >
          {t('pipeline.addNeed')}
        </button>{' '}
        <button type="submit">{t('common.save')}</button>
      </form>
      <form className="card" onSubmit={importCsv}>
        <label>
          {t('import.file')}
          <input ref={file} type="file" accept=".csv,text/csv" required />
        </label>
        <p className="muted">{t('pipeline.csvHelp')}</p>
        <button type="submit">{t('pipeline.importCsv')}</button>
      </form>
    </>
  );
}
