import { useMemo, useState } from 'react';
import { api, readAll } from '../api/client';
import {
  FOCUS_AREAS,
  type FocusArea,
  type Preference,
  type Round,
  type RoundSlot,
  type Slot,
} from '../api/types';
import { loadRounds, openRound } from '../app/rounds';
import { Link } from '../app/router';
import { useI18n } from '../i18n/i18n';
import { ErrorMessage, Loading, Notice } from '../ui/messages';
import { Page } from '../ui/page';
import { SlotFacts } from '../ui/slot-facts';
import { useLoad } from '../ui/use-load';
import { loadPreferences, MAX_PREFERENCES, savePreferences } from './preferences';
import { rankable, slotOffer } from './slot-offer';

interface SlotsData {
  slots: Slot[];
  round: Round | undefined;
  preferences: Preference[];
  /** Seats of the open round's slots that the student may rank. */
  roundSeats: Map<string, number>;
}

/** The open round's slots open to the student: the only ones the api lets them rank. */
async function loadRoundSeats(round: Round): Promise<Map<string, number>> {
  const slots = await readAll<RoundSlot>((page) =>
    api.GET('/api/rounds/{id}/slots', {
      params: { path: { id: round.id }, query: { page, pageSize: 100 } },
    }),
  );
  return new Map(slots.map((slot) => [slot.id, slot.seats]));
}

async function loadSlots(): Promise<SlotsData> {
  const [slots, rounds] = await Promise.all([
    readAll<Slot>((page) =>
      api.GET('/api/slots', {
        params: { query: { page, pageSize: 100, includeIneligible: true } },
      }),
    ),
    loadRounds(),
  ]);
  const round = openRound(rounds);
  const [preferences, roundSeats] = round
    ? await Promise.all([loadPreferences(round.id), loadRoundSeats(round)])
    : [[], new Map<string, number>()];
  return { slots, round, preferences, roundSeats };
}

/** Slots overlapping the wanted period (either end may be left open). */
function overlaps(slot: Slot, from: string, to: string): boolean {
  return (!from || slot.endsOn >= from) && (!to || slot.startsOn <= to);
}

export function StudentSlotsPage() {
  const { t } = useI18n();
  const data = useLoad(loadSlots, []);
  const [focusArea, setFocusArea] = useState<FocusArea | ''>('');
  const [employer, setEmployer] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [onlyEligible, setOnlyEligible] = useState(false);
  const [onlyInRound, setOnlyInRound] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>();
  const [notice, setNotice] = useState('');

  const employers = useMemo(() => {
    const byId = new Map((data.data?.slots ?? []).map((s) => [s.organisation.id, s.organisation]));
    return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, 'da'));
  }, [data.data]);

  const round = data.data?.round;
  const openRoundSlots = data.data?.round && {
    seats: data.data.roundSeats,
    ranked: new Set(data.data.preferences.map((p) => p.slotId)),
    listFull: data.data.preferences.length >= MAX_PREFERENCES,
  };
  const offers = (data.data?.slots ?? []).map((slot) => ({
    slot,
    offer: slotOffer(slot, openRoundSlots),
  }));
  const shown = offers.filter(
    ({ slot, offer }) =>
      (!focusArea || slot.focusArea === focusArea) &&
      (!employer || slot.organisation.id === employer) &&
      overlaps(slot, from, to) &&
      (!onlyEligible || slot.eligible !== false) &&
      (!onlyInRound || !round || rankable(offer)),
  );

  const add = async (slot: Slot) => {
    const current = data.data;
    if (!current?.round) return;
    setBusy(slot.id);
    setError(undefined);
    setNotice('');
    try {
      const preferences = await savePreferences(current.round.id, [
        ...current.preferences.map((p) => p.slotId),
        slot.id,
      ]);
      data.set({ ...current, preferences });
      setNotice(t('slots.added', { title: slot.title, position: preferences.length }));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Page title={t('slots.title')} intro={t('slots.intro')}>
      <form
        className="filters card"
        onSubmit={(e) => e.preventDefault()}
        aria-label={t('common.filters')}
      >
        <label>
          {t('slots.focusArea')}
          <select
            value={focusArea}
            onChange={(e) => setFocusArea(e.target.value as FocusArea | '')}
          >
            <option value="">{t('common.all')}</option>
            {FOCUS_AREAS.map((area) => (
              <option key={area} value={area}>
                {t(`focus.${area}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('slots.employer')}
          <select value={employer} onChange={(e) => setEmployer(e.target.value)}>
            <option value="">{t('common.all')}</option>
            {employers.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('slots.from')}
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          {t('slots.to')}
          <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={onlyEligible}
            onChange={(e) => setOnlyEligible(e.target.checked)}
          />
          {t('slots.onlyEligible')}
        </label>
        {round && (
          <label className="checkbox">
            <input
              type="checkbox"
              checked={onlyInRound}
              onChange={(e) => setOnlyInRound(e.target.checked)}
            />
            {t('slots.onlyInRound')}
          </label>
        )}
      </form>
      {data.loading && !data.data && <Loading />}
      <ErrorMessage error={data.error ?? error} />
      {notice && (
        <Notice>
          {notice} <Link to="/ranking">{t('slots.seeRanking')}</Link>
        </Notice>
      )}
      {data.data && !round && <p className="message info">{t('overview.noOpenRound')}</p>}
      {data.data && (
        <p className="muted" aria-live="polite">
          {t('slots.count', { shown: shown.length, total: data.data.slots.length })}
        </p>
      )}
      <ul className="cards">
        {shown.map(({ slot, offer }) => (
          <li key={slot.id} className="card slot">
            <h2>
              {slot.title}
              <span className="muted"> · {slot.organisation.name}</span>
            </h2>
            <SlotFacts slot={slot} />
            {slot.eligible === false ? (
              <div className="not-eligible">
                <p>
                  <strong>{t('slots.notEligible')}</strong>
                </p>
                <ul>
                  {(slot.reasons ?? []).map((reason) => (
                    <li key={reason}>{t(`eligibility.${reason}`)}</li>
                  ))}
                </ul>
              </div>
            ) : (
              <p className="eligible">{t('slots.eligible')}</p>
            )}
            {round && offer.kind === 'notInRound' && (
              <div className="not-in-round">
                <p>
                  <strong>{t('slots.notInRound', { round: round.name })}</strong>
                </p>
                <p>{t('slots.notInRoundReason')}</p>
              </div>
            )}
            {rankable(offer) && (
              <div className="actions">
                <span className="muted">{t('slots.seatsInRound', { seats: offer.seats })}</span>
                {offer.kind === 'inRanking' ? (
                  <span className="badge placement-accepted">{t('slots.inRanking')}</span>
                ) : (
                  <button
                    type="button"
                    className="primary"
                    disabled={busy !== null || offer.kind === 'listFull'}
                    onClick={() => void add(slot)}
                    aria-label={t('slots.addNamed', { title: slot.title })}
                  >
                    {offer.kind === 'listFull'
                      ? t('slots.full', { max: MAX_PREFERENCES })
                      : t('slots.add')}
                  </button>
                )}
              </div>
            )}
          </li>
        ))}
      </ul>
    </Page>
  );
}
