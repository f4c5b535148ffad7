import { FormEvent, useState } from 'react';
import { api, read, readAll } from '../api/client';
import type { Organisation, OrganisationKind } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { DownloadButtons } from '../ui/download-buttons';
import { ErrorMessage, Loading, Notice } from '../ui/messages';
import { Page, Section } from '../ui/page';
import { useLoad } from '../ui/use-load';

export const KINDS: OrganisationKind[] = ['school', 'employer', 'public', 'network'];

export function loadOrganisations(): Promise<Organisation[]> {
  return readAll<Organisation>((page) =>
    api.GET('/api/admin/organisations', { params: { query: { page, pageSize: 100 } } }),
  );
}

/** "Kalundborg Forsyning" → "kalundborg-forsyning" (Danish letters spelled out). */
export function slugOf(name: string): string {
  return name
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

export function OrganisationsPage() {
  const { t } = useI18n();
  const organisations = useLoad(loadOrganisations, []);
  const [kind, setKind] = useState<OrganisationKind | ''>('');
  const [editing, setEditing] = useState<string | null>(null);
  const [notice, setNotice] = useState('');

  const upsert = (o: Organisation) => {
    const list = organisations.data ?? [];
    organisations.set(
      list.some((x) => x.id === o.id) ? list.map((x) => (x.id === o.id ? o : x)) : [...list, o],
    );
  };
  const shown = (organisations.data ?? []).filter((o) => !kind || o.kind === kind);

  return (
    <Page title={t('organisations.title')} intro={t('organisations.intro')}>
      <Section title={t('organisations.create')}>
        <OrganisationForm
          onSaved={(o) => {
            upsert(o);
            setNotice(t('organisations.created', { name: o.name }));
          }}
        />
      </Section>
      {notice && <Notice>{notice}</Notice>}
      <DownloadButtons
        disabled={!organisations.data}
        load={(format) =>
          api.GET('/api/admin/organisations', { params: { query: { format } }, parseAs: 'blob' })
        }
      />
      <ErrorMessage error={organisations.error} />
      {organisations.loading && !organisations.data && <Loading />}
      <form
        className="filters card"
        onSubmit={(e) => e.preventDefault()}
        aria-label={t('common.filters')}
      >
        <label>
          {t('organisations.kind')}
          <select value={kind} onChange={(e) => setKind(e.target.value as OrganisationKind | '')}>
            <option value="">{t('common.all')}</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
      </form>
      <ul className="cards">
        {shown.map((o) => (
          <li key={o.id} className="card">
            {editing === o.id ? (
              <OrganisationForm
                organisation={o}
                onSaved={(saved) => {
                  upsert(saved);
                  setEditing(null);
                  setNotice(t('organisations.saved', { name: saved.name }));
                }}
                onCancel={() => setEditing(null)}
              />
            ) : (
              <>
                <h2>
                  {o.name} <span className="badge">{t(`kind.${o.kind}`)}</span>
                </h2>
                {o.description && <p>{o.description}</p>}
                <p className="muted small">
                  <code>{o.slug}</code>
                </p>
                <button
                  type="button"
                  className="secondary"
                  onClick={() => setEditing(o.id)}
                  aria-label={t('organisations.editNamed', { name: o.name })}
                >
                  {t('common.edit')}
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
    </Page>
  );
}

function OrganisationForm({
  organisation,
  onSaved,
  onCancel,
}: {
  organisation?: Organisation;
  onSaved(o: Organisation): void;
  onCancel?(): void;
}) {
  const { t } = useI18n();
  const [name, setName] = useState(organisation?.name ?? '');
  const [kind, setKind] = useState<OrganisationKind>(organisation?.kind ?? 'employer');
  const [slug, setSlug] = useState(organisation?.slug ?? '');
  const [description, setDescription] = useState(organisation?.description ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const body = { name: name.trim(), kind, slug: slug || slugOf(name), description };
      const saved = organisation
        ? await read<Organisation>(
            api.PATCH('/api/admin/organisations/{id}', {
              params: { path: { id: organisation.id } },
              body,
            }),
          )
        : await read<Organisation>(api.POST('/api/admin/organisations', { body }));
      if (!organisation) {
        setName('');
        setSlug('');
        setDescription('');
      }
      onSaved(saved);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} className="stack">
      <label>
        {t('organisations.name')}
        <input required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <div className="row">
        <label>
          {t('organisations.kind')}
          <select value={kind} onChange={(e) => setKind(e.target.value as OrganisationKind)}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('organisations.slug')}
          <input
            pattern="[a-z0-9-]{2,60}"
            value={slug}
            placeholder={slugOf(name)}
            onChange={(e) => setSlug(e.target.value)}
          />
        </label>
      </div>
      <label>
        {t('organisations.description')}
        <textarea
          rows={2}
          maxLength={2000}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
      </label>
      <ErrorMessage error={error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || !name.trim()}>
          {organisation ? t('common.save') : t('organisations.createSubmit')}
        </button>
        {onCancel && (
          <button type="button" className="secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
