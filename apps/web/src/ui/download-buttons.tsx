import { useState } from 'react';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { fileNameOf, FileFormat } from './download-name';
import { ErrorMessage } from './messages';

/** What a list's or report's route answers when asked for a file (`parseAs: 'blob'`). */
export type LoadFile = (format: FileFormat) => Promise<{ data?: Blob; response: Response }>;

/**
 * "Hent CSV" and "Hent Excel" beside a list or report: the same rows the screen shows, asked
 * of the same route with `?format=`, so the file and the screen follow one set of rules.
 */
export function DownloadButtons({ load, disabled }: { load: LoadFile; disabled?: boolean }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState<FileFormat | null>(null);
  const [error, setError] = useState<unknown>();

  const download = async (format: FileFormat) => {
    setError(undefined);
    setBusy(format);
    try {
      const { data, response } = await load(format);
      if (!response.ok || !(data instanceof Blob)) {
        setError(new ApiError(response.status, undefined));
        return;
      }
      const link = document.createElement('a');
      link.href = URL.createObjectURL(data);
      link.download = fileNameOf(response.headers.get('Content-Disposition'), format);
      link.click();
      URL.revokeObjectURL(link.href);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <div className="actions downloads" role="group" aria-label={t('download.group')}>
        <button type="button" onClick={() => download('csv')} disabled={disabled || busy !== null}>
          {t('download.csv')}
        </button>
        <button type="button" onClick={() => download('xlsx')} disabled={disabled || busy !== null}>
          {t('download.xlsx')}
        </button>
      </div>
      <ErrorMessage error={error} />
    </>
  );
}
