import { api, read } from '../api/client';
import type { Preference } from '../api/types';

export const MAX_PREFERENCES = 10;

export async function loadPreferences(roundId: string): Promise<Preference[]> {
  const result = await read<{ items: Preference[] }>(
    api.GET('/api/rounds/{id}/preferences', { params: { path: { id: roundId } } }),
  );
  return result.items;
}

/** Replaces the ranked list (most preferred first); returns the list as stored. */
export async function savePreferences(roundId: string, slotIds: string[]): Promise<Preference[]> {
  const result = await read<{ items: Preference[] }>(
    api.PUT('/api/rounds/{id}/preferences', {
      params: { path: { id: roundId } },
      body: { slotIds },
    }),
  );
  return result.items;
}
