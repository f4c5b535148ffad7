import { useEffect, useState } from 'react';
import { api, ApiError, read } from '../api/client';
import type { GuardianAnswer, GuardianOffer } from '../api/types';
import { wordError } from '../i18n/error-texts';
import { useI18n } from '../i18n/i18n';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { ErrorMessage, Loading, Notice } from '../ui/messages';
import { Page } from '../ui/page';

/** The token of the one-time link, from the address's fragment (#token=…), never sent in logs. */
export function guardianToken(hash: string): string {
  return new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? '';
}

/**
 * The page a guardian opens from their e-mail, without signing in: the offer to the student
 * they are guardian of, and consent or refusal, once.
 */
export function GuardianConsentPage({ token }: { token: string }) {
  const { t, date, dateTime, language } = useI18n();
  const [offer, setOffer] = useState<GuardianOffer>();
  const [loading, setLoading] = useState(Boolean(token));
  const [error, setError] = useState<unknown>();
  const [asking, setAsking] = useState<'confirm' | 'refuse' | null>(null);
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<GuardianAnswer>();

  useEffect(() => {
    if (!token) return;
    read<GuardianOffer>(api.POST('/api/guardian-consent/offer', { body: { token } }))
      .then(setOffer, setError)
      .finally(() => setLoading(false));
  }, [token]);

  const decide = async (decision: 'confirm' | 'refuse') => {
    setBusy(true);
    setError(undefined);
    try {
      setAnswer(
        await read<GuardianAnswer>(
          api.POST('/api/guardian-consent/answer', { body: { token, decision } }),
        ),
      );
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
      setAsking(null);
    }
  };

  const linkError =
    !token || (error instanceof ApiError && [400, 404].includes(error.status))
      ? t('guardian.invalid')
      : error instanceof ApiError && error.status === 409
        ? t('guardian.closed')
        : null;
  const who = offer ? { student: offer.student.fullName } : { student: '' };
  const where = offer
    ? { title: offer.slot.title, organisation: offer.slot.organisation.name, ...who }
    : { title: '', organisation: '', ...who };
  return (
    <Page title={t('guardian.title')}>
      {loading && <Loading />}
      {linkError ? (
        <div role="alert" className="message error">
          <p>{linkError}</p>
          {error instanceof ApiError && error.body && wordError(language, error.body) && (
            <p className="detail">{wordError(language, error.body)}</p>
          )}
        </div>
      ) : (
        <ErrorMessage error={error} />
      )}
      {answer && (
        <Notice>
          {answer.outcome === 'confirmed'
            ? t('guardian.confirmed', who)
            : t('guardian.refused', who)}
        </Notice>
      )}
      {offer && !answer && !linkError && (
        <article className="offer card" aria-label={t('guardian.offerLabel', where)}>
          <p>{t('guardian.greeting', { name: offer.guardian.name })}</p>
          <p>{t('guardian.intro', who)}</p>
          <dl className="facts">
            <dt>{t('guardian.student')}</dt>
            <dd>{offer.student.fullName}</dd>
            <dt>{t('guardian.slot')}</dt>
            <dd>{offer.slot.title}</dd>
            <dt>{t('guardian.host')}</dt>
            <dd>{offer.slot.organisation.name}</dd>
            <dt>{t('guardian.period')}</dt>
            <dd>
              {t('guardian.periodValue', {
                from: date(offer.slot.startsOn),
                to: date(offer.slot.endsOn),
              })}
            </dd>
          </dl>
          <p className="deadline">
            {t('offer.deadline', { deadline: dateTime(offer.deadlineAt) })}
          </p>
          <p className="muted">{t('guardian.once')}</p>
          <div className="actions">
            <button type="button" className="primary" onClick={() => setAsking('confirm')}>
              {t('guardian.confirm')}
            </button>
            <button type="button" className="secondary" onClick={() => setAsking('refuse')}>
              {t('guardian.refuse')}
            </button>
          </div>
          <ConfirmDialog
            open={asking !== null}
            title={asking === 'confirm' ? t('guardian.confirmTitle') : t('guardian.refuseTitle')}
            confirmLabel={asking === 'confirm' ? t('guardian.confirm') : t('guardian.refuse')}
            danger={asking === 'refuse'}
            confirmDisabled={busy}
            onCancel={() => setAsking(null)}
            onConfirm={() => asking && void decide(asking)}
          >
            <p>
              {asking === 'confirm'
                ? t('guardian.confirmText', where)
                : t('guardian.refuseText', where)}
            </p>
          </ConfirmDialog>
        </article>
      )}
    </Page>
  );
}
