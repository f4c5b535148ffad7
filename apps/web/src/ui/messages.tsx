import { forwardRef, type ReactNode } from 'react';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/da';
import { wordError } from '../i18n/error-texts';

const BY_STATUS: Record<number, MessageKey> = {
  400: 'error.invalid',
  401: 'error.signedOut',
  403: 'error.forbidden',
  404: 'error.notFound',
  409: 'error.conflict',
  413: 'error.tooLarge',
  429: 'error.tooMany',
};

/**
 * What went wrong, in the reader's language: the api's coded problem worded, each field's
 * problem of a refused form listed; by status when the code is one this app does not know.
 */
export function ErrorMessage({ error }: { error: unknown }) {
  const { t, language } = useI18n();
  if (!error) return null;
  const status = error instanceof ApiError ? error.status : 0;
  const key = BY_STATUS[status] ?? (status >= 500 ? 'error.server' : 'error.network');
  const body = error instanceof ApiError ? error.body : undefined;
  const headline = (body && wordError(language, body)) ?? t(key);
  const fields = (body?.errors ?? [])
    .map((problem) => wordError(language, problem))
    .filter((text): text is string => Boolean(text));
  return (
    <div role="alert" className="message error">
      <p>{headline}</p>
      {fields.length > 0 && (
        <ul className="detail">
          {[...new Set(fields)].map((text) => (
            <li key={text}>{text}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export const Notice = forwardRef<HTMLParagraphElement, { children: ReactNode }>(function Notice(
  { children },
  ref,
) {
  return (
    <p role="status" className="message ok" ref={ref}>
      {children}
    </p>
  );
});

export function Loading() {
  const { t } = useI18n();
  return (
    <p role="status" className="loading">
      {t('common.loading')}
    </p>
  );
}
