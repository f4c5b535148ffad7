import { describe, expect, it } from 'vitest';
import { ageOn, isUnder18 } from './age';

describe('age on a day', () => {
  it('counts a year on the birthday itself, not the day before', () => {
    expect(ageOn('2008-05-17', new Date(2026, 4, 16))).toBe(17);
    expect(ageOn('2008-05-17', new Date(2026, 4, 17))).toBe(18);
  });

  it('asks for consent under 18 only', () => {
    expect(isUnder18('2009-01-01', new Date(2026, 10, 27))).toBe(true);
    expect(isUnder18('2001-09-13', new Date(2026, 10, 27))).toBe(false);
  });
});
