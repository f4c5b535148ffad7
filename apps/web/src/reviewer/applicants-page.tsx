import { useEffect, useState } from 'react';
import { api, ApiError, read } from '../api/client';
import type { Applicant, Demand, Round } from '../api/types';
import { loadRounds } from '../app/rounds';
import { useI18n } from '../i18n/i18n';
import { ErrorMessage, Loading, Notice } from '../ui/messages';
import { Page, Section } from '../ui/page';
import { RoundPicker } from '../ui/round-picker';
import { SortableList } from '../ui/sortable-list';
import { useLoad } from '../ui/use-load';
import { loadOwnSlots } from './my-slots-page';

/** The round a reviewer most likely works on: the open one, else the newest. */
function defaultRound(rounds: Round[]): Round | undefined {
  return rounds.find((r) => r.status === 'open') ?? rounds[0];
}

export function ApplicantsPage() {
  const { t } = useI18n();
  const rounds = useLoad(loadRounds, []);
  const slots = useLoad(loadOwnSlots, []);
  const [roundId, setRoundId] = useState('');
  const [slotId, setSlotId] = useState('');
  const round =
    rounds.data?.find((r) => r.id === roundId) ?? (rounds.data && defaultRound(rounds.data));
  // The round's own slots of the organisation, with their demand; own slots if it has none.
  const demand = useLoad(
    () =>
      round
        ? read<{ items: Demand[] }>(
            api.GET('/api/rounds/{id}/demand', { params: { path: { id: round.id } } }),
          ).then((d) => d.items)
        : Promise.resolve([]),
    [round?.id],
  );
  const choices =
    demand.data && demand.data.length > 0
      ? demand.data.map((d) => ({ id: d.slotId, title: d.title }))
      : (slots.data ?? []);
  const slot = choices.find((s) => s.id === slotId) ?? choices[0];

  return (
    <Page title={t('applicants.title')} intro={t('applicants.intro')}>
      <ErrorMessage error={rounds.error ?? slots.error} />
      {(rounds.loading || slots.loading) && !(rounds.data && slots.data) && <Loading />}
      {rounds.data && rounds.data.length === 0 && <p>{t('applicants.noRounds')}</p>}
      {round && slots.data && (
        <>
          <form
            className="filters card"
            onSubmit={(e) => e.preventDefault()}
            aria-label={t('common.filters')}
          >
            <RoundPicker
              rounds={rounds.data ?? []}
              value={round.id}
              onChange={(id) => {
                setRoundId(id);
                setSlotId('');
              }}
            />
            <label>
              {t('applicants.slot')}
              <select value={slot?.id ?? ''} onChange={(e) => setSlotId(e.target.value)}>
                {choices.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.title}
                  </option>
                ))}
              </select>
            </label>
          </form>
          {round.status === 'open' && demand.data && demand.data.length > 0 && (
            <DemandTable demand={demand.data} onPick={setSlotId} />
          )}
          {slot && (
            <ApplicantRanking key={`${round.id}:${slot.id}`} round={round} slotId={slot.id} />
          )}
        </>
      )}
    </Page>
  );
}

function DemandTable({ demand, onPick }: { demand: Demand[]; onPick(slotId: string): void }) {
  const { t } = useI18n();
  return (
    <Section title={t('demand.title')}>
      <p className="muted">{t('demand.intro')}</p>
      <div className="table-wrap">
        <table className="table numbers">
          <thead>
            <tr>
              <th scope="col">{t('applicants.slot')}</th>
              <th scope="col">{t('slot.capacity')}</th>
              <th scope="col">{t('demand.applicants')}</th>
              <th scope="col">{t('demand.firstChoice')}</th>
              <th scope="col">{t('demand.perSeat')}</th>
            </tr>
          </thead>
          <tbody>
            {demand.map((d) => (
              <tr key={d.slotId}>
                <th scope="row">
                  <button type="button" className="link" onClick={() => onPick(d.slotId)}>
                    {d.title}
                  </button>
                </th>
                <td>{d.seats}</td>
                <td>{d.applicants}</td>
                <td>{d.byRank[0] ?? 0}</td>
                <td>{d.seats ? (d.applicants / d.seats).toFixed(1) : '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}

/**
 * The applicants of one slot in the order the matching will use: the host's own ranking first,
 * then the transparent score. Reordering and saving makes the whole list the host's ranking.
 */
function ApplicantRanking({ round, slotId }: { round: Round; slotId: string }) {
  const { t, language } = useI18n();
  const applicants = useLoad(
    () =>
      read<{ items: Applicant[] }>(
        api.GET('/api/rounds/{id}/slots/{slotId}/applicants', {
          params: { path: { id: round.id, slotId } },
        }),
      ),
    [round.id, slotId],
  );
  const [order, setOrder] = useState<Applicant[]>([]);
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (applicants.data)
      setOrder([...applicants.data.items].sort((a, b) => a.position - b.position));
  }, [applicants.data]);

  const editable = round.status === 'open' || round.status === 'closed';
  const save = async () => {
    setBusy(true);
    setError(undefined);
    setSaved(false);
    try {
      await read(
        api.PUT('/api/rounds/{id}/slots/{slotId}/ranking', {
          params: { path: { id: round.id, slotId } },
          body: { studentIds: order.map((a) => a.studentId) },
        }),
      );
      setDirty(false);
      setSaved(true);
      void applicants.reload();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const ranked = order.some((a) => a.hostRank !== null);
  return (
    <Section title={t('applicants.listTitle', { count: order.length })}>
      {applicants.loading && !applicants.data && <Loading />}
      {applicants.error instanceof ApiError && applicants.error.status === 404 ? (
        <p className="message info">{t('applicants.notInRound')}</p>
      ) : (
        <ErrorMessage error={applicants.error} />
      )}
      {applicants.data && order.length === 0 && <p>{t('applicants.none')}</p>}
      {order.length > 0 && (
        <>
          <p className="muted">
            {ranked ? t('applicants.ranked') : t('applicants.byScore')}{' '}
            {editable ? t('applicants.howTo') : t('applicants.locked')}
          </p>
          <SortableList
            items={order}
            label={t('applicants.listLabel')}
            getKey={(a) => a.studentId}
            getName={(a) => a.fullName}
            disabled={!editable || busy}
            onReorder={(next) => {
              setOrder(next);
              setDirty(true);
              setSaved(false);
            }}
            renderItem={(a) => (
              <div className="applicant">
                <strong>{a.fullName}</strong>
                <span className="muted">
                  {a.programme.name} · {a.school.name}
                </span>
                <dl className="facts compact">
                  <div>
                    <dt>{t('applicant.skills')}</dt>
                    <dd>{a.skills.join(', ') || '–'}</dd>
                  </div>
                  <div>
                    <dt>{t('applicant.interests')}</dt>
                    <dd>{a.interests.map((i) => t(`focus.${i}`)).join(', ') || '–'}</dd>
                  </div>
                  <div>
                    <dt>{t('applicant.languages')}</dt>
                    <dd>{a.languages.map((l) => t(`language.${l}`)).join(', ')}</dd>
                  </div>
                  <div>
                    <dt>{t('applicant.score')}</dt>
                    <dd>
                      <span className="score" title={t('applicant.scoreHelp')}>
                        {t('applicant.scoreParts', {
                          total: a.score.total,
                          programme: a.score.programme,
                          skills: a.score.skills,
                          language: a.score.language,
                          interests: a.score.interests,
                        })}
                      </span>
                    </dd>
                  </div>
                  {a.motivation && (
                    <div className="wide">
                      <dt>{t('applicant.motivation')}</dt>
                      <dd lang={language === 'da' ? undefined : 'da'}>{a.motivation}</dd>
                    </div>
                  )}
                </dl>
              </div>
            )}
          />
          {editable && (
            <div className="actions">
              <button
                type="button"
                className="primary"
                disabled={busy || !dirty}
                onClick={() => void save()}
              >
                {t('applicants.save')}
              </button>
              {dirty && <span className="muted">{t('applicants.unsaved')}</span>}
            </div>
          )}
          {saved && <Notice>{t('applicants.saved')}</Notice>}
          <ErrorMessage error={error} />
        </>
      )}
    </Section>
  );
}
