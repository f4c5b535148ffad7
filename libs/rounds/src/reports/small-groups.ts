/**
 * Small-group suppression for counts shown to reviewers: a count of fewer than
 * SMALL_GROUP students is withheld (null), so that figures set beside a list of named
 * applicants do not single anyone out.
 */
export const SMALL_GROUP = 5;

/** How a withheld count reads in a downloaded table (CSV, xlsx): fewer than 5, never which. */
export const WITHHELD = `<${SMALL_GROUP}`;

/**
 * How a withheld total reads in a downloaded table: withheld because one of its cells is (the
 * total minus the shown cells would give that one away), it may itself be large, so not "<5".
 */
export const WITHHELD_TOTAL = 'withheld';

/** A count as a downloaded table writes it: a withheld one as "<5", or in a total "withheld". */
export function countCell(value: number | null, inTotal = false): number | string {
  return value ?? (inTotal ? WITHHELD_TOTAL : WITHHELD);
}

export interface Suppressed<T> {
  value: T;
  /** Some figure was withheld because it concerns fewer than SMALL_GROUP students. */
  suppressed: boolean;
}

/** A head count: 0 (nobody) and SMALL_GROUP or more are shown; 1 to 4 are withheld. */
export function suppressCount(count: number): Suppressed<number | null> {
  const small = count > 0 && count < SMALL_GROUP;
  return { value: small ? null : count, suppressed: small };
}

/**
 * Counts of the same students by rank (a histogram). Cells under SMALL_GROUP are withheld,
 * zeros included: a shown zero beside one large cell would say that every applicant ranked the
 * slot the same. Then two more rules, so that what is withheld cannot be worked out:
 * - a single withheld cell would be the total minus the others, so the smallest shown cell
 *   goes with it;
 * - when everyone is in the one cell shown, that cell would name everyone's rank, so it goes too.
 */
export function suppressHistogram(counts: readonly number[]): Suppressed<(number | null)[]> {
  const total = counts.reduce((sum, n) => sum + n, 0);
  // Nobody counted: the zeros say nothing about anyone.
  if (total === 0) return { value: [...counts], suppressed: false };
  const shown: (number | null)[] = counts.map((n) => (n >= SMALL_GROUP ? n : null));
  if (shown.filter((n) => n === null).length === 1 && shown.length > 1) withholdSmallest(shown);
  const visible = shown.filter((n): n is number => n !== null);
  if (visible.length === 1 && visible[0] === total) shown.fill(null);
  return { value: shown, suppressed: shown.includes(null) };
}

function withholdSmallest(shown: (number | null)[]): void {
  let smallest = -1;
  shown.forEach((n, i) => {
    if (n !== null && (smallest < 0 || n < shown[smallest]!)) smallest = i;
  });
  if (smallest >= 0) shown[smallest] = null;
}
