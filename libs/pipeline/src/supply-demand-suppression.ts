import { suppressCount } from '@app/rounds';

/** A programme's figures for one year, as counted, before anything is withheld. */
export interface SupplyDemandCounts {
  hiringNeeds: number;
  finishing: number;
  placed: number;
}

export interface SupplyDemandFigures {
  /** Positions the employers expect to fill: not people, never withheld. */
  hiringNeeds: number;
  /** Students expected to complete in the year; null when 1 to 4. */
  finishing: number | null;
  /** Of those, students with an accepted or confirmed placement; null when 1 to 4. */
  placed: number | null;
  /** hiringNeeds − finishing: positive is a shortage; null when finishing is withheld. */
  gap: number | null;
}

export type SuppressibleField = 'finishing' | 'placed' | 'gap';

/** A withheld figure: of a programme's row, or of the totals (programmeId null). */
export interface SuppressedCell {
  programmeId: string | null;
  field: SuppressibleField;
}

export interface SuppressedTable<K extends string> {
  rows: (SupplyDemandFigures & { programmeId: K })[];
  totals: SupplyDemandFigures;
  suppressed: SuppressedCell[];
}

/** A table of head counts: one row per group, and the totals (not always the rows' sum). */
export interface CountRows<K, F extends string> {
  rows: readonly { key: K; counts: Record<F, number> }[];
  totals: Record<F, number>;
}

export interface WithheldCounts<K, F extends string> {
  rows: { key: K; figures: Record<F, number | null> }[];
  totals: Record<F, number | null>;
  /** The withheld cells: of a row (its key), or of the totals (key null). */
  withheld: { key: K | null; field: F }[];
}

/**
 * The rule of every report of people in the pipeline, as Danish statistics offices apply it:
 * a count of 1 to 4 people is withheld, and so is a column's total whenever a cell of the column
 * is (the total minus the shown cells would give the withheld ones). Zeros are shown.
 */
export function withholdSmallCounts<K, F extends string>(
  table: CountRows<K, F>,
  fields: readonly F[],
): WithheldCounts<K, F> {
  const withheld: { key: K | null; field: F }[] = [];
  const shown = (counts: Record<F, number>) => {
    const figures = {} as Record<F, number | null>;
    for (const field of fields) figures[field] = suppressCount(counts[field]).value;
    return figures;
  };
  const rows = table.rows.map(({ key, counts }) => {
    const figures = shown(counts);
    for (const field of fields) if (figures[field] === null) withheld.push({ key, field });
    return { key, figures };
  });
  const totals = shown(table.totals);
  for (const field of fields) {
    if (rows.some((row) => row.figures[field] === null)) totals[field] = null;
    if (totals[field] === null) withheld.push({ key: null, field });
  }
  return { rows, totals, withheld };
}

/**
 * Withholds every count of 1 to 4 people and every figure from which one could be worked out
 * (withholdSmallCounts), and a gap (needs minus a withheld count) with its count.
 */
export function suppressSupplyDemand<K extends string>(
  rows: readonly (SupplyDemandCounts & { programmeId: K })[],
): SuppressedTable<K> {
  const sum = (pick: (row: SupplyDemandCounts) => number) =>
    rows.reduce((total, row) => total + pick(row), 0);
  const table = withholdSmallCounts(
    {
      rows: rows.map((row) => ({
        key: row.programmeId,
        counts: { finishing: row.finishing, placed: row.placed },
      })),
      totals: { finishing: sum((row) => row.finishing), placed: sum((row) => row.placed) },
    },
    ['finishing', 'placed'] as const,
  );
  const figuresOf = (
    hiringNeeds: number,
    shown: { finishing: number | null; placed: number | null },
  ) => ({
    hiringNeeds,
    ...shown,
    gap: shown.finishing === null ? null : hiringNeeds - shown.finishing,
  });
  const suppressed: SuppressedCell[] = table.withheld.map(({ key, field }) => ({
    programmeId: key,
    field,
  }));
  const shownRows = table.rows.map(({ key, figures }, index) => {
    const row = { programmeId: key, ...figuresOf(rows[index].hiringNeeds, figures) };
    if (row.gap === null) suppressed.push({ programmeId: key, field: 'gap' });
    return row;
  });
  const totals = figuresOf(
    sum((row) => row.hiringNeeds),
    table.totals,
  );
  if (totals.gap === null) suppressed.push({ programmeId: null, field: 'gap' });
  return { rows: shownRows, totals, suppressed };
}
