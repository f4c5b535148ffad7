import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatPeriod, formatTime } from './format';

describe('dates and times for the reader', () => {
  it('writes Danish dates in full and times with "kl."', () => {
    expect(formatDate('2026-11-27T11:00:00Z', 'da')).toBe('27. november 2026');
    expect(formatTime('2026-11-27T11:00:00Z', 'da')).toBe('kl. 12.00');
    expect(formatDateTime('2026-11-27T11:00:00Z', 'da')).toBe('27. november 2026 kl. 12.00');
  });

  it('uses Copenhagen time, also in summer', () => {
    expect(formatTime('2027-06-01T10:30:00Z', 'da')).toBe('kl. 12.30');
  });

  it('keeps a calendar date on its day whatever the time zone', () => {
    expect(formatDate('2027-02-01', 'da')).toBe('1. februar 2027');
    expect(formatPeriod('2027-02-01', '2027-04-30', 'en')).toBe('1 February 2027 – 30 April 2027');
  });

  it('writes English dates and times', () => {
    expect(formatDateTime('2026-11-27T11:00:00Z', 'en')).toBe('27 November 2026 at 12:00');
  });
});
