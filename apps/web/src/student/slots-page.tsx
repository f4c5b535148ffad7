import { useMemo, useState } from 'react';
import { api, readAll } from '../api/client';
import { FOCUS_AREAS, type FocusArea, type Preference, type Round, type Slot } from '../api/types';
import { loadRounds, openRound } from '../app/rounds';
import { Link } from '../app/router';
import { useI18n } from '../i18n/i18n';
import { ErrorMessage, Loading, Notice } from '../ui/messages';
import { Page } from '../ui/page';
import { SlotFacts } from '../ui/slot-facts';
import { useLoad } from '../ui/use-load';
import { loadPreferences, MAX_PREFERENCES, savePreferences } from './preferences';

interface SlotsData {
  slots: Slot[];
  round: Round | undefined;
  preferences: Preference[];
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
  return { slots, round, preferences: round ? await loadPreferences(round.id) : [] };
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
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>();
  const [notice, setNotice] = useState('');

  const employers = useMemo(() => {
    const byId = new Map((data.data?.slots ?? []).map((s) => [s.organisation.id, s.organisation]));
    return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, 'da'));
  }, [data.data]);

  const shown = (data.data?.slots ?? []).filter(
    (slot) =>
      (!focusArea || slot.focusArea === focusArea) &&
      (!employer || slot.organisation.id === employer) &&
      overlaps(slot, from, to) &&
      (!onlyEligible || slot.eligible !== false),
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

  const round = data.data?.round;
  const ranked = new Set(data.data?.preferences.map((p) => p.slotId));
  const full = (data.data?.preferences.length ?? 0) >= MAX_PREFERENCES;

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
        {shown.map((slot) => (
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
            {round && slot.eligible !== false && (
              <div className="actions">
                {ranked.has(slot.id) ? (
                  <span className="badge placement-accepted">{t('slots.inRanking')}</span>
                ) : (
                  <button
                    type="button"
                    className="primary"
                    disabled={busy !== null || full}
                    onClick={() => void add(slot)}
                    aria-label={t('slots.addNamed', { title: slot.title })}
                  >
                    {full ? t('slots.full', { max: MAX_PREFERENCES }) : t('slots.add')}
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
