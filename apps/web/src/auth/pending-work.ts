import { api, ApiError, read } from '../api/client';

/**
 * Work whose save the server refused because the session had ended (401). It is kept in this
 * tab's sessionStorage and saved again right after the next sign-in, so a move made just as
 * the session expired is not lost.
 */
export type PendingWork =
  | { kind: 'preferences'; roundId: string; slotIds: string[] }
  | { kind: 'applicantRanking'; roundId: string; slotId: string; studentIds: string[] };

const STORAGE_KEY = 'biotekbyen.pending';

function keyOf(work: PendingWork): string {
  return work.kind === 'preferences'
    ? `preferences:${work.roundId}`
    : `applicantRanking:${work.roundId}:${work.slotId}`;
}

function all(): Record<string, PendingWork> {
  try {
    return JSON.parse(window.sessionStorage.getItem(STORAGE_KEY) ?? '{}') as Record<
      string,
      PendingWork
    >;
  } catch {
    return {};
  }
}

function store(works: Record<string, PendingWork>): void {
  try {
    if (Object.keys(works).length === 0) window.sessionStorage.removeItem(STORAGE_KEY);
    else window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(works));
  } catch {
    // private mode: nothing can be kept across the sign-in
  }
}

function forget(work: PendingWork): void {
  const works = all();
  delete works[keyOf(work)];
  store(works);
}

function send(work: PendingWork): Promise<unknown> {
  if (work.kind === 'preferences')
    return read(
      api.PUT('/api/rounds/{id}/preferences', {
        params: { path: { id: work.roundId } },
        body: { slotIds: work.slotIds },
      }),
    );
  return read(
    api.PUT('/api/rounds/{id}/slots/{slotId}/ranking', {
      params: { path: { id: work.roundId, slotId: work.slotId } },
      body: { studentIds: work.studentIds },
    }),
  );
}

const expired = (error: unknown) => error instanceof ApiError && error.status === 401;

/** Saves the work; if the session has ended, keeps it for after the next sign-in. */
export async function saveOrKeep<T>(work: PendingWork, save: () => Promise<T>): Promise<T> {
  try {
    const result = await save();
    forget(work);
    return result;
  } catch (error) {
    if (expired(error)) store({ ...all(), [keyOf(work)]: work });
    else forget(work);
    throw error;
  }
}

/** Saves what was kept at the last expiry; how many saves went through. */
export async function retryPendingWork(): Promise<number> {
  let saved = 0;
  for (const work of Object.values(all())) {
    try {
      await send(work);
      saved++;
      forget(work);
    } catch (error) {
      // Refused for another reason (the round closed, another user): nothing left to retry.
      if (!expired(error)) forget(work);
    }
  }
  return saved;
}
