/**
 * The matching instance of docs/contracts/matching-instance.md: students and internship slots
 * (residents and hospitals with capacities), each with a strict preference list.
 */

/** Which side proposes in deferred acceptance; its side gets its optimal stable matching. */
export type Proposer = 'students' | 'slots';

export const PROPOSERS: readonly Proposer[] = ['students', 'slots'];

export interface StudentPreferences {
  readonly id: string;
  /** Slot ids, most preferred first. */
  readonly preferences: readonly string[];
}

export interface SlotPreferences {
  readonly id: string;
  /** Integer >= 1. */
  readonly capacity: number;
  /** Student ids, most preferred first. */
  readonly preferences: readonly string[];
}

export interface MatchingInstance {
  readonly students: readonly StudentPreferences[];
  readonly slots: readonly SlotPreferences[];
}

/**
 * The slot id each student holds, or null. Objects of this type built by this library have
 * no prototype, so ids such as "__proto__" are ordinary keys.
 */
export type Assignments = Readonly<Record<string, string | null>>;
