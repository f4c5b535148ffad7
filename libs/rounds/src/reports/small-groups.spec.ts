import { countCell, suppressCount, suppressHistogram } from './small-groups';

describe('small-group suppression', () => {
  it('withholds head counts of one to four', () => {
    expect(suppressCount(0)).toEqual({ value: 0, suppressed: false });
    expect(suppressCount(1)).toEqual({ value: null, suppressed: true });
    expect(suppressCount(4)).toEqual({ value: null, suppressed: true });
    expect(suppressCount(5)).toEqual({ value: 5, suppressed: false });
  });

  it('withholds cells under five, zeros included, and shows nothing of one applicant', () => {
    expect(suppressHistogram([1, 0, 0, 0, 0, 0, 0, 0, 0, 0])).toEqual({
      value: Array(10).fill(null),
      suppressed: true,
    });
    expect(suppressHistogram([6, 5, 1, 0, 0, 0, 0, 0, 0, 0]).value).toEqual([
      6,
      5,
      ...Array(8).fill(null),
    ]);
  });

  it('withholds the one large cell that holds every applicant', () => {
    expect(suppressHistogram([7, 0, 0, 0, 0, 0, 0, 0, 0, 0]).value).toEqual(Array(10).fill(null));
  });

  it('never leaves a single withheld cell that the total would give away', () => {
    const { value } = suppressHistogram([9, 8, 7, 6, 5, 5, 5, 5, 5, 2]);
    expect(value.filter((n) => n === null)).toHaveLength(2);
    expect(value[9]).toBeNull();
    expect(value[4] === null || value[5] === null || value[6] === null).toBe(true);
  });

  it('shows the zeros of a slot nobody ranked', () => {
    expect(suppressHistogram(Array(10).fill(0))).toEqual({
      value: Array(10).fill(0),
      suppressed: false,
    });
  });

  it('never shows a cell under five, whatever the counts', () => {
    for (let trial = 0; trial < 500; trial += 1) {
      const counts = Array.from({ length: 10 }, () => Math.floor(Math.random() * 9));
      const { value } = suppressHistogram(counts);
      const total = counts.reduce((a, b) => a + b, 0);
      value.forEach((n, i) => {
        if (n !== null) expect(n).toBe(counts[i]);
        if (n !== null && total > 0) expect(n).toBeGreaterThanOrEqual(5);
      });
      const withheld = value.filter((n) => n === null).length;
      expect(withheld === 0 || withheld >= 2 || total === 0).toBe(true);
    }
  });

  it('writes a withheld count as "<5" in a group and "withheld" in a total, a shown one as it is', () => {
    expect(countCell(null)).toBe('<5');
    expect(countCell(null, true)).toBe('withheld');
    expect(countCell(0, true)).toBe(0);
    expect(countCell(312)).toBe(312);
  });
});
