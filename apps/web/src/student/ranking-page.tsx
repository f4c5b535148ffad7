import { useEffect, useRef, useState } from 'react';
import type { Preference, Round } from '../api/types';
import { loadRounds, openRound } from '../app/rounds';
import { Link } from '../app/router';
import { useI18n } from '../i18n/i18n';
import { ErrorMessage, Loading } from '../ui/messages';
import { Page } from '../ui/page';
import { SortableList } from '../ui/sortable-list';
import { useLoad } from '../ui/use-load';
import { loadPreferences, savePreferences } from './preferences';

async function loadRanking(): Promise<{ round: Round | undefined; preferences: Preference[] }> {
  const round = openRound(await loadRounds());
  return { round, preferences: round ? await loadPreferences(round.id) : [] };
}

type SaveState = 'idle' | 'saving' | 'saved' | 'failed';

/**
 * The student's ranked list for the open round. Every change is saved at once, in order, so
 * the list on the screen is the list the matching will use.
 */
export function StudentRankingPage() {
  const { t, dateTime, time } = useI18n();
  const data = useLoad(loadRanking, []);
  const [items, setItems] = useState<Preference[]>([]);
  const [state, setState] = useState<SaveState>('idle');
  const [savedAt, setSavedAt] = useState('');
  const [error, setError] = useState<unknown>();
  const queue = useRef<Promise<void>>(Promise.resolve());

  useEffect(() => {
    if (data.data) setItems(data.data.preferences);
  }, [data.data]);

  const round = data.data?.round;
  const save = (next: Preference[]) => {
    if (!round) return;
    setItems(next);
    setState('saving');
    setError(undefined);
    const slotIds = next.map((p) => p.slotId);
    queue.current = queue.current.then(async () => {
      try {
        await savePreferences(round.id, slotIds);
        setState('saved');
        setSavedAt(new Date().toISOString());
      } catch (caught) {
        setError(caught);
        setState('failed');
        void data.reload();
      }
    });
  };

  return (
    <Page title={t('ranking.title')} intro={t('ranking.intro')}>
      {data.loading && !data.data && <Loading />}
      <ErrorMessage error={data.error} />
      {data.data && !round && <p className="message info">{t('overview.noOpenRound')}</p>}
      {round && (
        <>
          <p>
            {t('ranking.window', { name: round.name, closes: dateTime(round.preferencesCloseAt) })}
          </p>
          <p className="muted">{t('ranking.howTo', { max: round.maxPreferences })}</p>
          {items.length === 0 ? (
            <p className="message info">
              {t('ranking.empty')} <Link to="/slots">{t('ranking.findSlots')}</Link>
            </p>
          ) : (
            <SortableList
              items={items}
              label={t('ranking.listLabel')}
              getKey={(p) => p.slotId}
              getName={(p) => p.title}
              onReorder={save}
              onRemove={(removed) => save(items.filter((p) => p.slotId !== removed.slotId))}
              renderItem={(p) => (
                <>
                  <strong>{p.title}</strong>
                  <span className="muted">{p.organisation.name}</span>
                </>
              )}
            />
          )}
          <p role="status" className={`save-state ${state}`}>
            {state === 'saving' && t('ranking.saving')}
            {state === 'saved' && t('ranking.saved', { time: time(savedAt) })}
          </p>
          <ErrorMessage error={error} />
          {items.length > 0 && items.length < round.maxPreferences && (
            <p>
              <Link to="/slots">
                {t('ranking.addMore', { left: round.maxPreferences - items.length })}
              </Link>
            </p>
          )}
        </>
      )}
    </Page>
  );
}
