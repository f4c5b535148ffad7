import { suppressSupplyDemand } from './supply-demand-suppression';

const row = (programmeId: string, hiringNeeds: number, finishing: number, placed: number) => ({
  programmeId,
  hiringNeeds,
  finishing,
  placed,
});

describe('suppressSupplyDemand', () => {
  it('shows zeros and counts of 5 or more, with the gap and the totals', () => {
    const table = suppressSupplyDemand([row('a', 12, 20, 9), row('b', 3, 0, 0)]);
    expect(table.rows).toEqual([
      { programmeId: 'a', hiringNeeds: 12, finishing: 20, placed: 9, gap: -8 },
      { programmeId: 'b', hiringNeeds: 3, finishing: 0, placed: 0, gap: 3 },
    ]);
    expect(table.totals).toEqual({ hiringNeeds: 15, finishing: 20, placed: 9, gap: -5 });
    expect(table.suppressed).toEqual([]);
  });

  it('withholds counts of 1 to 4 and the gap that would give them away', () => {
    const table = suppressSupplyDemand([row('a', 6, 4, 1), row('b', 0, 30, 12)]);
    expect(table.rows[0]).toEqual({
      programmeId: 'a',
      hiringNeeds: 6,
      finishing: null,
      placed: null,
      gap: null,
    });
    expect(table.suppressed).toEqual(
      expect.arrayContaining([
        { programmeId: 'a', field: 'finishing' },
        { programmeId: 'a', field: 'placed' },
        { programmeId: 'a', field: 'gap' },
      ]),
    );
  });

  it('withholds a column total when a cell of the column is withheld', () => {
    // 34 − 30 would give programme a's 4 finishers.
    const table = suppressSupplyDemand([row('a', 6, 4, 0), row('b', 0, 30, 12)]);
    expect(table.totals).toEqual({ hiringNeeds: 6, finishing: null, placed: 12, gap: null });
    expect(table.suppressed).toEqual(
      expect.arrayContaining([
        { programmeId: null, field: 'finishing' },
        { programmeId: null, field: 'gap' },
      ]),
    );
    expect(table.suppressed).not.toContainEqual({ programmeId: null, field: 'placed' });
  });

  it('withholds a total that is itself 1 to 4', () => {
    const table = suppressSupplyDemand([row('a', 0, 0, 0), row('b', 2, 0, 0)]);
    expect(table.totals.finishing).toBe(0);
    const small = suppressSupplyDemand([row('a', 0, 5, 3), row('b', 0, 5, 0)]);
    // 3 placed is withheld in its cell and so in the total.
    expect(small.totals.placed).toBeNull();
  });

  it('never shows a figure of 1 to 4 people anywhere, whatever the counts', () => {
    for (let seed = 0; seed < 500; seed++) {
      const counts = [0, 1, 2].map((i) =>
        row(`p${i}`, (seed * 7 + i) % 9, (seed * 3 + i * 5) % 13, (seed + i) % 6),
      );
      const table = suppressSupplyDemand(counts);
      for (const figures of [...table.rows, table.totals]) {
        for (const value of [figures.finishing, figures.placed]) {
          expect(value === null || value === 0 || value >= 5).toBe(true);
        }
      }
      const finishingHidden = table.rows.filter((r) => r.finishing === null).length;
      if (finishingHidden > 0) expect(table.totals.finishing).toBeNull();
    }
  });
});
