import { useState } from 'react';
import { api, read } from '../api/client';
import type { Explanation, Placement, Round } from '../api/types';
import { isUnder18 } from '../app/age';
import { loadRounds, openRound } from '../app/rounds';
import { useMe } from '../auth/session';
import { Link } from '../app/router';
import { useI18n } from '../i18n/i18n';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { ErrorMessage, Loading, Notice } from '../ui/messages';
import { Page, Section } from '../ui/page';
import { useLoad } from '../ui/use-load';
import { PlacementStatusBadge } from '../ui/status';

interface Overview {
  rounds: Round[];
  placements: Placement[];
  explanation: Explanation | null;
}

async function loadOverview(): Promise<Overview> {
  const [rounds, placements] = await Promise.all([
    loadRounds(),
    read<{ items: Placement[] }>(
      api.GET('/api/placements', { params: { query: { pageSize: 100 } } }),
    ),
  ]);
  const published = rounds.find((round) => round.status === 'published');
  const explanation = published
    ? await read<Explanation>(
        api.GET('/api/rounds/{id}/explanation', { params: { path: { id: published.id } } }),
      ).catch(() => null)
    : null;
  return { rounds, placements: placements.items, explanation };
}

export function StudentOverviewPage() {
  const { t, dateTime } = useI18n();
  const overview = useLoad(loadOverview, []);
  const open = overview.data && openRound(overview.data.rounds);
  const published = overview.data?.rounds.find((round) => round.status === 'published');

  return (
    <Page title={t('overview.title')}>
      {overview.loading && !overview.data && <Loading />}
      <ErrorMessage error={overview.error} />
      {overview.data && (
        <>
          <Section title={t('overview.round')}>
            {open ? (
              <>
                <p>
                  {t('overview.roundOpen', {
                    name: open.name,
                    closes: dateTime(open.preferencesCloseAt),
                  })}
                </p>
                <p className="actions">
                  <Link to="/slots" className="button secondary">
                    {t('nav.slots')}
                  </Link>
                  <Link to="/ranking" className="button primary">
                    {t('overview.toRanking')}
                  </Link>
                </p>
              </>
            ) : (
              <p>{t('overview.noOpenRound')}</p>
            )}
          </Section>
          <Section title={t('offer.title')}>
            {overview.data.placements.length === 0 ? (
              <p>{published ? t('offer.none') : t('offer.notYet')}</p>
            ) : (
              <ul className="plain">
                {overview.data.placements.map((placement) => (
                  <li key={placement.id}>
                    <OfferCard
                      placement={placement}
                      onChange={(changed) =>
                        overview.set({
                          ...overview.data!,
                          placements: overview.data!.placements.map((p) =>
                            p.id === changed.id ? { ...p, ...changed } : p,
                          ),
                        })
                      }
                    />
                  </li>
                ))}
              </ul>
            )}
          </Section>
          {overview.data.explanation && <ExplanationCard explanation={overview.data.explanation} />}
        </>
      )}
    </Page>
  );
}

function OfferCard({
  placement,
  onChange,
}: {
  placement: Placement;
  onChange(changed: Placement): void;
}) {
  const { t, dateTime } = useI18n();
  const [asking, setAsking] = useState<'accept' | 'decline' | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState('');

  const me = useMe();
  const needsConsent = me.student ? isUnder18(me.student.birthDate, new Date()) : false;
  const [guardian, setGuardian] = useState('');
  const [consent, setConsent] = useState(false);

  const answer = async (kind: 'accept' | 'decline') => {
    setBusy(true);
    setError(undefined);
    try {
      const params = { params: { path: { id: placement.id } } };
      const changed = await read<Placement>(
        kind === 'accept'
          ? api.POST('/api/placements/{id}/accept', {
              ...params,
              body: needsConsent
                ? { guardianConsent: { name: guardian.trim(), confirmed: true } }
                : {},
            })
          : api.POST('/api/placements/{id}/decline', params),
      );
      onChange(changed);
      setDone(kind === 'accept' ? t('offer.accepted') : t('offer.declined'));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
      setAsking(null);
    }
  };

  const where = { title: placement.slot.title, organisation: placement.slot.organisation.name };
  return (
    <article className="offer" aria-label={t('offer.label', where)}>
      <h3>
        {placement.slot.title} <span className="muted">· {placement.slot.organisation.name}</span>
      </h3>
      <p>
        <PlacementStatusBadge status={placement.status} />
      </p>
      {placement.status === 'offered' && (
        <>
          <p>{t('offer.intro', where)}</p>
          <p className="deadline">
            {t('offer.deadline', { deadline: dateTime(placement.deadlineAt) })}
          </p>
          <div className="actions">
            <button type="button" className="primary" onClick={() => setAsking('accept')}>
              {t('offer.accept')}
            </button>
            <button type="button" className="secondary" onClick={() => setAsking('decline')}>
              {t('offer.decline')}
            </button>
          </div>
        </>
      )}
      {placement.status === 'accepted' && <p>{t('offer.waitingForHost')}</p>}
      {placement.status === 'confirmed' && <p>{t('offer.confirmedText', where)}</p>}
      {placement.status === 'expired' && <p>{t('offer.expiredText')}</p>}
      {done && <Notice>{done}</Notice>}
      <ErrorMessage error={error} />
      <ConfirmDialog
        open={asking !== null}
        title={asking === 'accept' ? t('offer.confirmAcceptTitle') : t('offer.confirmDeclineTitle')}
        confirmLabel={asking === 'accept' ? t('offer.accept') : t('offer.decline')}
        danger={asking === 'decline'}
        confirmDisabled={
          busy || (asking === 'accept' && needsConsent && (!consent || !guardian.trim()))
        }
        onCancel={() => setAsking(null)}
        onConfirm={() => asking && void answer(asking)}
      >
        <p>
          {asking === 'accept' ? t('offer.confirmAccept', where) : t('offer.confirmDecline', where)}
        </p>
        {asking === 'accept' && needsConsent && (
          <fieldset className="stack">
            <legend>{t('offer.consentTitle')}</legend>
            <p className="muted">{t('offer.consentIntro')}</p>
            <label>
              {t('offer.guardianName')}
              <input value={guardian} onChange={(e) => setGuardian(e.target.value)} required />
            </label>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={consent}
                onChange={(e) => setConsent(e.target.checked)}
              />
              {t('offer.guardianConsents')}
            </label>
          </fieldset>
        )}
      </ConfirmDialog>
    </article>
  );
}

function ExplanationCard({ explanation }: { explanation: Explanation }) {
  const { t } = useI18n();
  return (
    <Section title={t('explanation.title')}>
      {explanation.assigned ? (
        <p>
          {t('explanation.assigned', {
            title: explanation.assigned.title,
            organisation: explanation.assigned.organisation,
            rank: explanation.assigned.rank,
          })}
        </p>
      ) : (
        <p>{t('explanation.unplaced')}</p>
      )}
      {explanation.missed.length > 0 && (
        <>
          <p>{t('explanation.missedIntro')}</p>
          <ul className="explanations">
            {explanation.missed.map((missed) => (
              <li key={missed.slotId}>
                <strong>
                  {t('explanation.choice', { rank: missed.rank })}: {missed.title} ·{' '}
                  {missed.organisation}
                </strong>
                <p>
                  {missed.reason === 'full'
                    ? t('explanation.full', {
                        cutoff: missed.cutoff ?? '–',
                        position: missed.yourPosition ?? '–',
                      })
                    : t('explanation.notAcceptable')}
                </p>
              </li>
            ))}
          </ul>
          <p className="muted">{t('explanation.honest')}</p>
        </>
      )}
    </Section>
  );
}
