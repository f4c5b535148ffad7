import { api, read } from '../api/client';
import type { Preference } from '../api/types';
import { saveOrKeep } from '../auth/pending-work';

export async function loadPreferences(roundId: string): Promise<Preference[]> {
  const result = await read<{ items: Preference[] }>(
    api.GET('/api/rounds/{id}/preferences', { params: { path: { id: roundId } } }),
  );
  return result.items;
}

/**
 * Replaces the ranked list (most preferred first); returns the list as stored. A list refused
 * because the session expired is saved again after the next sign-in.
 */
export async function savePreferences(roundId: string, slotIds: string[]): Promise<Preference[]> {
  const result = await saveOrKeep({ kind: 'preferences', roundId, slotIds }, () =>
    read<{ items: Preference[] }>(
      api.PUT('/api/rounds/{id}/preferences', {
        params: { path: { id: roundId } },
        body: { slotIds },
      }),
    ),
  );
  return result.items;
}
