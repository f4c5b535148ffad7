import { useState } from 'react';
import { api, read } from '../api/client';
import type { Explanation, Placement, Round } from '../api/types';
import { loadRounds, openRound } from '../app/rounds';
import { Link } from '../app/router';
import { useI18n } from '../i18n/i18n';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { ErrorMessage, Loading, Notice } from '../ui/messages';
import { Page, Section } from '../ui/page';
import { useLoad } from '../ui/use-load';
import { PlacementStatusBadge } from '../ui/status';
import { TodoPanel } from '../app/todo-panel';

interface Overview {
  rounds: Round[];
  placements: Placement[];
  /** The newest published round's explanation: null when the student did not take part. */
  explanation: Explanation | null;
  explained: Round | null;
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
  return {
    rounds,
    placements: placements.items,
    explanation,
    explained: explanation ? (published ?? null) : null,
  };
}

export function StudentOverviewPage() {
  const { t, dateTime } = useI18n();
  const overview = useLoad(loadOverview, []);
  const open = overview.data && openRound(overview.data.rounds);
  const explained = overview.data?.explained;
  // The api says which placements keep a student out of new rounds (an open offer or a place).
  const holdsPlace = overview.data?.placements.some((placement) => placement.active) ?? false;

  return (
    <Page title={t('overview.title')}>
      <TodoPanel />
      {overview.loading && !overview.data && <Loading />}
      <ErrorMessage error={overview.error} />
      {overview.data && (
        <>
          <Section
            title={open ? t('overview.roundNamed', { name: open.name }) : t('overview.round')}
          >
            {open && holdsPlace ? (
              <p>{t('overview.roundOpenHeld', { name: open.name })}</p>
            ) : open ? (
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
              // Only a round the student took part in can have left them without a place.
              <p>
                {explained && !overview.data.explanation?.assigned
                  ? t('offer.noneInRound', { name: explained.name })
                  : t('offer.notYet')}
              </p>
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
          {overview.data.explanation && explained && (
            <ExplanationCard explanation={overview.data.explanation} round={explained} />
          )}
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

  const needsConsent = placement.needsGuardianConsent;
  const [guardianName, setGuardianName] = useState('');
  const [guardianEmail, setGuardianEmail] = useState('');
  const guardianGiven = guardianName.trim() !== '' && /^\S+@\S+\.\S+$/.test(guardianEmail.trim());

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
                ? { guardian: { name: guardianName.trim(), email: guardianEmail.trim() } }
                : {},
            })
          : api.POST('/api/placements/{id}/decline', params),
      );
      onChange(changed);
      setDone(
        kind === 'decline'
          ? t('offer.declined')
          : changed.status === 'awaiting_guardian'
            ? t('offer.sentToGuardian')
            : t('offer.accepted'),
      );
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
      setAsking(null);
    }
  };

  const where = { title: placement.slot.title, organisation: placement.slot.organisation.name };
  const consent = placement.guardianConsent;
  const deadline = dateTime(placement.deadlineAt);
  return (
    <article className="offer" aria-label={t('offer.label', where)}>
      <h3>
        {placement.slot.title} <span className="muted">· {placement.slot.organisation.name}</span>
      </h3>
      <p>
        <PlacementStatusBadge status={placement.status} />
      </p>
      {placement.status !== 'declined' && placement.status !== 'expired' && (
        <OfferDetails placement={placement} />
      )}
      {placement.status === 'offered' && (
        <>
          {consent?.state === 'refused' && <p className="message">{t('offer.guardianRefused')}</p>}
          <p>{t('offer.intro', where)}</p>
          <p className="deadline">
            {t('offer.deadline', { deadline: dateTime(placement.deadlineAt) })}
          </p>
          <h4>{t('offer.nextTitle')}</h4>
          <p>{t('offer.next')}</p>
          {needsConsent && <p>{t('offer.nextGuardian')}</p>}
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
      {placement.status === 'awaiting_guardian' && (
        <p>
          {consent?.guardian
            ? t('offer.awaitingGuardian', { ...consent.guardian, deadline })
            : t('offer.awaitingGuardianUnnamed', { deadline })}
        </p>
      )}
      {placement.status === 'accepted' && needsConsent && <p>{t('offer.guardianConfirmed')}</p>}
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
        confirmDisabled={busy || (asking === 'accept' && needsConsent && !guardianGiven)}
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
              <input
                value={guardianName}
                onChange={(e) => setGuardianName(e.target.value)}
                autoComplete="off"
                maxLength={200}
                required
              />
            </label>
            <label>
              {t('offer.guardianEmail')}
              <input
                type="email"
                value={guardianEmail}
                onChange={(e) => setGuardianEmail(e.target.value)}
                autoComplete="off"
                maxLength={254}
                required
              />
            </label>
          </fieldset>
        )}
      </ConfirmDialog>
    </article>
  );
}

/** The period, the place and whom to contact: what a student needs to plan the first day. */
function OfferDetails({ placement }: { placement: Placement }) {
  const { t, period } = useI18n();
  const { slot } = placement;
  const { name, email, phone } = slot.contact;
  return (
    <dl className="facts">
      <div>
        <dt>{t('offer.period')}</dt>
        <dd>{period(slot.startsOn, slot.endsOn)}</dd>
      </div>
      <div>
        <dt>{t('offer.place')}</dt>
        <dd>{slot.site || t('offer.placeUnknown')}</dd>
      </div>
      <div>
        <dt>{t('offer.contact')}</dt>
        <dd>
          {!name && !email && !phone && t('offer.contactUnknown')}
          {name && <span>{name}</span>}
          {email && (
            <>
              {name && <br />}
              <a href={`mailto:${email}`}>{email}</a>
            </>
          )}
          {phone && (
            <>
              {(name || email) && <br />}
              <a href={`tel:${phone.replace(/[^0-9+]/g, '')}`}>{phone}</a>
            </>
          )}
        </dd>
      </div>
    </dl>
  );
}

function ExplanationCard({ explanation, round }: { explanation: Explanation; round: Round }) {
  const { t } = useI18n();
  const title = explanation.assigned ? 'explanation.title' : 'explanation.titleUnplaced';
  return (
    <Section title={t(title, { name: round.name })}>
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
