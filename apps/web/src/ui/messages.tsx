import type { ReactNode } from 'react';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/da';

const BY_STATUS: Record<number, MessageKey> = {
  400: 'error.invalid',
  401: 'error.signedOut',
  403: 'error.forbidden',
  404: 'error.notFound',
  409: 'error.conflict',
  413: 'error.tooLarge',
  429: 'error.tooMany',
};

/** What went wrong, in the reader's language, with the api's own detail where it has one. */
export function ErrorMessage({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!error) return null;
  const status = error instanceof ApiError ? error.status : 0;
  const key = BY_STATUS[status] ?? (status >= 500 ? 'error.server' : 'error.network');
  const detail = error instanceof ApiError && status !== 401 && status < 500 ? error.message : '';
  return (
    <div role="alert" className="message error">
      <p>{t(key)}</p>
      {detail && <p className="detail">{detail}</p>}
    </div>
  );
}

export function Notice({ children }: { children: ReactNode }) {
  return (
    <p role="status" className="message ok">
      {children}
    </p>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p role="status" className="loading">
      {t('common.loading')}
    </p>
  );
}
