import { FormEvent, ReactNode, useId, useRef, useState } from 'react';
import { api, ApiError, read } from '../api/client';
import { fieldLabel, wordError } from '../i18n/error-texts';
import { useI18n } from '../i18n/i18n';
import { ErrorMessage, Notice } from './messages';

type Target = '/api/students/import' | '/api/slots/import';
type PreviewTarget = '/api/students/import/preview';

/** A first step that shows what the import would do, before anything is written. */
export interface CsvPreview<P> {
  target: PreviewTarget;
  render(preview: P): ReactNode;
}

/**
 * Uploads a CSV file, all rows or none. When the api refuses the file, every bad row and field
 * is listed, so the file can be corrected in one go. With `preview`, the file is first checked
 * and what it would do shown; importing is then a second press.
 */
export function CsvImport<T, P = never>({
  target,
  columns,
  example,
  onImported,
  preview,
}: {
  target: Target;
  columns: string;
  example: string;
  onImported(created: T[], result: { created: T[] }): void;
  preview?: CsvPreview<P>;
}) {
  const { t, language } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const hint = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [imported, setImported] = useState<number | null>(null);
  const [previewed, setPreviewed] = useState<{ file: File; result: P } | null>(null);

  // The document types the file as a string (binary); the browser sends the FormData as is.
  const bodyOf = (file: File) => {
    const form = new FormData();
    form.append('file', file);
    return form as unknown as { file: string };
  };

  const upload = async (file: File, step: 'preview' | 'import') => {
    setBusy(true);
    setError(undefined);
    setImported(null);
    try {
      if (step === 'preview' && preview) {
        const result = await read<P>(api.POST(preview.target, { body: bodyOf(file) }));
        setPreviewed({ file, result });
        return;
      }
      const result = await read<{ created: T[] }>(api.POST(target, { body: bodyOf(file) }));
      setPreviewed(null);
      setImported(result.created.length);
      onImported(result.created, result);
      if (input.current) input.current.value = '';
    } catch (caught) {
      setPreviewed(null);
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const file = input.current?.files?.[0];
    if (file) void upload(file, preview ? 'preview' : 'import');
  };

  const rows = error instanceof ApiError ? (error.body?.errors ?? []) : [];
  return (
    <form className="card" onSubmit={submit}>
      <label>
        {t('import.file')}
        <input
          ref={input}
          type="file"
          accept=".csv,text/csv"
          required
          aria-describedby={hint}
          onChange={() => setPreviewed(null)}
        />
      </label>
      <div id={hint} className="muted">
        <p>{t('import.columns')}</p>
        <pre className="code">
          {columns}
          {'\n'}
          {example}
        </pre>
        <p>{t('import.allOrNothing')}</p>
        <p>
          <a href={templateHref(columns, example)} download={t('import.templateFile')}>
            {t('import.template')}
          </a>
        </p>
        <p>{t('import.excel')}</p>
      </div>
      <button type="submit" className={previewed ? 'secondary' : 'primary'} disabled={busy}>
        {busy ? t('import.busy') : preview ? t('import.check') : t('import.submit')}
      </button>
      {previewed && preview && (
        <div role="status">
          {preview.render(previewed.result)}
          <p className="actions">
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={() => void upload(previewed.file, 'import')}
            >
              {t('import.submit')}
            </button>
          </p>
        </div>
      )}
      {imported !== null && <Notice>{t('import.done', { count: imported })}</Notice>}
      {rows.length > 0 ? (
        <div role="alert" className="message error">
          <p>{error instanceof ApiError && error.body ? wordError(language, error.body) : ''}</p>
          <div className="table-wrap" role="region" aria-label={t('import.errors')} tabIndex={0}>
            <table className="table">
              <caption>{t('import.errors')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('import.row')}</th>
                  <th scope="col">{t('import.field')}</th>
                  <th scope="col">{t('import.problem')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row, index) => (
                  <tr key={index}>
                    <td>{row.line ?? (row.row ?? 0) + 1}</td>
                    <td>{fieldLabel(language, row.field)}</td>
                    <td>
                      {capitalised(
                        wordError(language, { ...row, field: undefined }) ?? row.message,
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : (
        <ErrorMessage error={error} />
      )}
    </form>
  );
}

/** A row's problem without its field, which has a column of its own. */
function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The columns and the example as a file to fill in: UTF-8 with a byte order mark, so Excel opens
 * the Danish letters right; the api reads it back, or Excel's own semicolon file.
 */
function templateHref(columns: string, example: string): string {
  return `data:text/csv;charset=utf-8,${encodeURIComponent(`\uFEFF${columns}\r\n${example}\r\n`)}`;
}
