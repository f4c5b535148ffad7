import { describe, expect, it } from 'vitest';
import { screenForLink } from './links';

describe('links in messages', () => {
  it("open the screen of the reader's role that shows the offer or the round", () => {
    expect(screenForLink('/placements/6f1c', 'student')).toBe('/overview');
    expect(screenForLink('/placements/6f1c', 'reviewer')).toBe('/interns');
    expect(screenForLink('/rounds/9a2b/preferences', 'student')).toBe('/ranking');
    expect(screenForLink('/rounds/9a2b/results', 'coordinator')).toBe('/school-report');
  });

  it('leave every other address alone', () => {
    expect(screenForLink('/rounds', 'admin')).toBeUndefined();
    expect(screenForLink('/placements', 'student')).toBeUndefined();
  });
});
