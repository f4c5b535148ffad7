import { useEffect, useState } from 'react';
import { api, read } from '../api/client';
import type { FollowUpConsent } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { ErrorMessage } from '../ui/messages';
import { Section } from '../ui/page';

/**
 * The question put once a placement has ended: may we ask, 6, 12 and 24 months after you
 * finish, what you are doing? The answer can be changed at any time; no deletes the answers.
 */
export function FollowUpConsentSection() {
  const { t, date } = useI18n();
  const [consent, setConsent] = useState<FollowUpConsent>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    read<FollowUpConsent>(api.GET('/api/me/follow-up-consent')).then(setConsent, setError);
  }, []);

  const answer = async (consented: boolean) => {
    setBusy(true);
    setError(undefined);
    try {
      setConsent(
        await read<FollowUpConsent>(api.PUT('/api/me/follow-up-consent', { body: { consented } })),
      );
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  if (!consent || (!consent.asked && consent.consented === null)) {
    return <ErrorMessage error={error} />;
  }
  return (
    <Section title={t('followUpConsent.title')}>
      <p>{t('followUpConsent.question')}</p>
      {consent.consented !== null && (
        <p className="muted">
          {consent.consented ? t('followUpConsent.yes') : t('followUpConsent.no')}
        </p>
      )}
      {consent.followUps.some((f) => f.answeredAt) && (
        <ul>
          {consent.followUps
            .filter((f) => f.answeredAt && f.situation)
            .map((f) => (
              <li key={f.months}>
                {t('followUpConsent.answer', {
                  months: String(f.months),
                  date: date(f.dueOn),
                })}{' '}
                {t(`followUp.situation.${f.situation!}`)}
                {f.organisation ? ` (${f.organisation.name})` : ''}
              </li>
            ))}
        </ul>
      )}
      <ErrorMessage error={error} />
      <div className="actions">
        {consent.consented !== true && (
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() => void answer(true)}
          >
            {t('followUpConsent.agree')}
          </button>
        )}
        {consent.consented !== false && (
          <button
            type="button"
            className="secondary"
            disabled={busy}
            onClick={() => void answer(false)}
          >
            {consent.consented ? t('followUpConsent.withdraw') : t('followUpConsent.decline')}
          </button>
        )}
      </div>
    </Section>
  );
}
