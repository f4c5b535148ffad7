import { ReactNode, useEffect, useRef, useState } from 'react';
import { api, ApiError, read } from '../api/client';
import type { Applicant, Demand, Round } from '../api/types';
import { loadRounds } from '../app/rounds';
import { saveOrKeep } from '../auth/pending-work';
import { useI18n } from '../i18n/i18n';
import { DownloadButtons } from '../ui/download-buttons';
import { ErrorMessage, Loading } from '../ui/messages';
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
          {(round.status === 'open' || round.status === 'closed') &&
            demand.data &&
            demand.data.length > 0 && (
              <DemandTable roundId={round.id} demand={demand.data} onPick={setSlotId} />
            )}
          {slot && (
            <ApplicantRanking key={`${round.id}:${slot.id}`} round={round} slotId={slot.id} />
          )}
        </>
      )}
    </Page>
  );
}

function DemandTable({
  roundId,
  demand,
  onPick,
}: {
  roundId: string;
  demand: Demand[];
  onPick(slotId: string): void;
}) {
  const { t } = useI18n();
  return (
    <Section title={t('demand.title')}>
      <p className="muted">{t('demand.intro')}</p>
      <DownloadButtons
        load={(format) =>
          api.GET('/api/rounds/{id}/demand', {
            params: { path: { id: roundId }, query: { format } },
            parseAs: 'blob',
          })
        }
      />
      <div className="table-wrap" role="region" aria-label={t('demand.title')} tabIndex={0}>
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
                <td>{d.applicants ?? '–'}</td>
                <td>{d.byRank?.[0] ?? '–'}</td>
                <td>
                  {d.seats && d.applicants !== null ? (d.applicants / d.seats).toFixed(1) : '–'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted">{t('demand.withheld')}</p>
    </Section>
  );
}

type SaveState = 'idle' | 'saving' | 'saved' | 'failed';

/**
 * The applicants of one slot in the order the matching will use: the host's own ranking first,
 * then the transparent score. Every move is saved at once, in order, like the student's list,
 * and makes the whole list the host's ranking. Applicants marked not acceptable leave the list
 * (the matching never places them here) and can be taken back.
 */
function ApplicantRanking({ round, slotId }: { round: Round; slotId: string }) {
  const { t, time } = useI18n();
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
  const [marked, setMarked] = useState<Applicant[]>([]);
  const [ranked, setRanked] = useState(false);
  const [state, setState] = useState<SaveState>('idle');
  const [savedAt, setSavedAt] = useState('');
  const [error, setError] = useState<unknown>();
  const queue = useRef<Promise<void>>(Promise.resolve());
  const pending = useRef(0);
  const markButtons = useRef(new Map<string, HTMLButtonElement>());
  const [focusMark, setFocusMark] = useState<string | null>(null);

  const show = (items: Applicant[]) => {
    setOrder(items.filter((a) => !a.notAcceptable));
    setMarked(items.filter((a) => a.notAcceptable));
    setRanked(items.some((a) => a.hostRank !== null && !a.notAcceptable));
  };
  useEffect(() => {
    if (applicants.data) show(applicants.data.items);
  }, [applicants.data]);
  useEffect(() => {
    if (!focusMark) return;
    markButtons.current.get(focusMark)?.focus();
    setFocusMark(null);
  }, [focusMark, order, marked]);

  // A change still on its way to the server: the browser asks before the page is left.
  useEffect(() => {
    if (state !== 'saving') return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [state]);

  const editable = round.status === 'open' || round.status === 'closed';

  /** One change after another, in the order they were made; a failure reloads the list. */
  const enqueue = (work: () => Promise<void>) => {
    setState('saving');
    setError(undefined);
    pending.current += 1;
    queue.current = queue.current.then(async () => {
      try {
        await work();
        // Saved once nothing is left in the queue.
        if (pending.current === 1) {
          setState('saved');
          setSavedAt(new Date().toISOString());
        }
      } catch (caught) {
        setError(caught);
        setState('failed');
        void applicants.reload();
      } finally {
        pending.current -= 1;
      }
    });
  };

  const reorder = (next: Applicant[]) => {
    setOrder(next);
    setRanked(true);
    const studentIds = next.map((a) => a.studentId);
    enqueue(async () => {
      // Kept and saved again after the next sign-in if the session has just expired.
      await saveOrKeep({ kind: 'applicantRanking', roundId: round.id, slotId, studentIds }, () =>
        read(
          api.PUT('/api/rounds/{id}/slots/{slotId}/ranking', {
            params: { path: { id: round.id, slotId } },
            body: { studentIds },
          }),
        ),
      );
    });
  };

  const mark = (applicant: Applicant, notAcceptable: boolean) => {
    const index = (notAcceptable ? order : marked).findIndex(
      (a) => a.studentId === applicant.studentId,
    );
    const rest = (notAcceptable ? order : marked).filter(
      (a) => a.studentId !== applicant.studentId,
    );
    // The focus goes to the same button of the row that takes its place, else to its own new one.
    const neighbour = rest[index] ?? rest[index - 1];
    enqueue(async () => {
      const path = { id: round.id, slotId, studentId: applicant.studentId };
      const result = await read<{ items: Applicant[] }>(
        notAcceptable
          ? api.PUT('/api/rounds/{id}/slots/{slotId}/applicants/{studentId}/not-acceptable', {
              params: { path },
            })
          : api.DELETE('/api/rounds/{id}/slots/{slotId}/applicants/{studentId}/not-acceptable', {
              params: { path },
            }),
      );
      show(result.items);
      setFocusMark(neighbour?.studentId ?? applicant.studentId);
    });
  };

  const markButton = (a: Applicant, notAcceptable: boolean) =>
    editable && (
      <button
        type="button"
        className={notAcceptable ? 'secondary' : 'link'}
        disabled={state === 'saving'}
        ref={(element) => {
          if (element) markButtons.current.set(a.studentId, element);
          else markButtons.current.delete(a.studentId);
        }}
        aria-label={t(notAcceptable ? 'applicants.markNamed' : 'applicants.unmarkNamed', {
          name: a.fullName,
        })}
        onClick={() => mark(a, notAcceptable)}
      >
        {t(notAcceptable ? 'applicants.mark' : 'applicants.unmark')}
      </button>
    );

  return (
    <Section title={t('applicants.listTitle', { count: order.length + marked.length })}>
      {applicants.loading && !applicants.data && <Loading />}
      {applicants.error instanceof ApiError && applicants.error.status === 404 ? (
        <p className="message info">{t('applicants.notInRound')}</p>
      ) : (
        <ErrorMessage error={applicants.error} />
      )}
      {applicants.data && order.length + marked.length === 0 && <p>{t('applicants.none')}</p>}
      {applicants.data && order.length + marked.length > 0 && (
        <DownloadButtons
          load={(format) =>
            api.GET('/api/rounds/{id}/slots/{slotId}/applicants', {
              params: { path: { id: round.id, slotId }, query: { format } },
              parseAs: 'blob',
            })
          }
        />
      )}
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
            disabled={!editable}
            jumps={editable}
            onReorder={reorder}
            renderItem={(a) => <ApplicantCard applicant={a}>{markButton(a, true)}</ApplicantCard>}
          />
        </>
      )}
      <p role="status" className={`save-state ${state}`}>
        {state === 'saving' && t('ranking.saving')}
        {state === 'saved' && t('ranking.saved', { time: time(savedAt) })}
      </p>
      <ErrorMessage error={error} />
      {marked.length > 0 && (
        <section aria-labelledby={`not-acceptable-${slotId}`}>
          <h3 id={`not-acceptable-${slotId}`}>
            {t('applicants.notAcceptableTitle', { count: marked.length })}
          </h3>
          <p className="muted">{t('applicants.notAcceptableIntro')}</p>
          <ul className="plain-list not-acceptable">
            {marked.map((a) => (
              <li key={a.studentId}>
                <ApplicantCard applicant={a}>{markButton(a, false)}</ApplicantCard>
              </li>
            ))}
          </ul>
        </section>
      )}
    </Section>
  );
}

/** What a reviewer may see of an applicant: enough to rank, never the birth date. */
function ApplicantCard({ applicant: a, children }: { applicant: Applicant; children?: ReactNode }) {
  const { t, language, date } = useI18n();
  return (
    <div className="applicant">
      <strong>{a.fullName}</strong>
      <span className="muted">
        {a.programme.name} · {a.school.name}
      </span>
      {a.underEighteen && <span className="flag">{t('applicant.underEighteen')}</span>}
      <dl className="facts compact">
        <div>
          <dt>{t('applicant.available')}</dt>
          <dd>
            {t('applicant.availablePeriod', {
              from: date(a.availableFrom),
              to: date(a.availableTo),
            })}
          </dd>
        </div>
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
      {children}
    </div>
  );
}
