import { useEffect, useMemo, useRef, useState } from 'react';
import { api, readAll } from '../api/client';
import {
  FOCUS_AREAS,
  type FocusArea,
  type LeftOutReason,
  type LeftOutSlot,
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
import { useStoredState } from '../ui/use-stored-state';
import { loadPreferences, savePreferences } from './preferences';
import { rankable, type SlotOffer, slotOffer } from './slot-offer';

interface SlotsData {
  slots: Slot[];
  round: Round | undefined;
  preferences: Preference[];
  /** Seats of the open round's slots that the student may rank. */
  roundSeats: Map<string, number>;
  /** Why the open round leaves out each slot the student cannot rank in it. */
  leftOut: Map<string, LeftOutReason>;
}

async function loadLeftOut(round: Round): Promise<Map<string, LeftOutReason>> {
  const slots = await readAll<LeftOutSlot>((page) =>
    api.GET('/api/rounds/{id}/slots-left-out', {
      params: { path: { id: round.id }, query: { page, pageSize: 100 } },
    }),
  );
  return new Map(slots.map((slot) => [slot.slotId, slot.reason]));
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
  const [preferences, roundSeats, leftOut] = round
    ? await Promise.all([loadPreferences(round.id), loadRoundSeats(round), loadLeftOut(round)])
    : [[], new Map<string, number>(), new Map<string, LeftOutReason>()];
  return { slots, round, preferences, roundSeats, leftOut };
}

/** Where a slot comes in the list: rankable ones first, then eligible ones, then the rest. */
function offerOrder({ slot, offer }: { slot: Slot; offer: SlotOffer }): number {
  if (rankable(offer)) return 0;
  return slot.eligible === false ? 2 : 1;
}

/** Slots overlapping the wanted period (either end may be left open). */
function overlaps(slot: Slot, from: string, to: string): boolean {
  return (!from || slot.endsOn >= from) && (!to || slot.startsOn <= to);
}

export function StudentSlotsPage() {
  const { t } = useI18n();
  const data = useLoad(loadSlots, []);
  // The filters are kept for the tab: coming back from the ranking finds them as they were.
  const [focusArea, setFocusArea] = useStoredState<FocusArea | ''>('slots.focusArea', '');
  const [employer, setEmployer] = useStoredState('slots.employer', '');
  const [from, setFrom] = useStoredState('slots.from', '');
  const [to, setTo] = useStoredState('slots.to', '');
  const [onlyEligible, setOnlyEligible] = useStoredState('slots.onlyEligible', false);
  const [onlyInRound, setOnlyInRound] = useStoredState('slots.onlyInRound', false);
  const list = useRef<HTMLUListElement>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  const [focusAfterAdd, setFocusAfterAdd] = useState<number | null>(null);
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
    listFull: data.data.preferences.length >= data.data.round.maxPreferences,
    leftOut: data.data.leftOut,
  };
  const offers = (data.data?.slots ?? []).map((slot) => ({
    slot,
    offer: slotOffer(slot, openRoundSlots),
  }));
  const shown = offers
    .filter(
      ({ slot, offer }) =>
        (!focusArea || slot.focusArea === focusArea) &&
        (!employer || slot.organisation.id === employer) &&
        overlaps(slot, from, to) &&
        (!onlyEligible || slot.eligible !== false) &&
        (!onlyInRound || !round || rankable(offer)),
    )
    // What the student can rank first, then what they may take, then the rest (stable).
    .sort((a, b) => offerOrder(a) - offerOrder(b));

  // The pressed button is gone once the slot is on the list: the focus goes on to the next
  // slot that can be added, or to the notice (with its link to the list) when there is none.
  useEffect(() => {
    if (focusAfterAdd === null) return;
    setFocusAfterAdd(null);
    const buttons = [
      ...(list.current?.querySelectorAll<HTMLButtonElement>('button[data-add]:not(:disabled)') ??
        []),
    ];
    const next = buttons.find((b) => Number(b.dataset.order) > focusAfterAdd) ?? buttons[0];
    if (next) next.focus();
    else noticeRef.current?.querySelector('a')?.focus();
  }, [focusAfterAdd]);

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
      setFocusAfterAdd(shown.findIndex((s) => s.slot.id === slot.id));
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
        <Notice ref={noticeRef}>
          {notice} <Link to="/ranking">{t('slots.seeRanking')}</Link>
        </Notice>
      )}
      {data.data && !round && <p className="message info">{t('overview.noOpenRound')}</p>}
      {data.data && (
        <p className="muted" aria-live="polite">
          {t('slots.count', { shown: shown.length, total: data.data.slots.length })}
        </p>
      )}
      <ul className="cards" ref={list}>
        {shown.map(({ slot, offer }, index) => (
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
              <div className="not-in-round" data-left-out={offer.reason}>
                <p>
                  <strong>{t('slots.notInRound', { round: round.name })}</strong>
                </p>
                <p>
                  {offer.reason ? t(`slots.leftOut.${offer.reason}`) : t('slots.notInRoundReason')}
                </p>
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
                    data-add
                    data-order={index}
                    onClick={() => void add(slot)}
                    aria-label={t('slots.addNamed', { title: slot.title })}
                  >
                    {offer.kind === 'listFull'
                      ? t('slots.full', { max: round?.maxPreferences ?? '' })
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
