import { api, read, readAll } from '../api/client';
import type { Round } from '../api/types';

/** Every round, newest first (the api's order). */
export function loadRounds(): Promise<Round[]> {
  return readAll<Round>((page) =>
    api.GET('/api/rounds', { params: { query: { page, pageSize: 100 } } }),
  );
}

/** The round whose preference window is open now, if any (the newest one). */
export function openRound(rounds: Round[]): Round | undefined {
  return rounds.find((round) => round.status === 'open');
}

export function loadRound(id: string): Promise<Round> {
  return read<Round>(api.GET('/api/rounds/{id}', { params: { path: { id } } }));
}
