import { describe, expect, it } from 'vitest';
import type { Placement, PlacementStatus, StudentPreferenceStatus } from '../api/types';
import { studentStatus } from './student-status';

const placement = (status: PlacementStatus) => ({ status }) as Placement;
const matched = { studentId: 's', slotId: 'x', studentRank: 1 };
const unmatched = { studentId: 's', slotId: null, studentRank: null };
const ranked: StudentPreferenceStatus = { studentId: 's', rankedCount: 3, status: 'ranked' };
const notRanked: StudentPreferenceStatus = { studentId: 's', rankedCount: 0, status: 'notRanked' };

describe("a student's status for the coordinator", () => {
  it('follows the placement once there is one', () => {
    expect(studentStatus('published', matched, placement('offered'), ranked)).toBe('matched');
    expect(studentStatus('published', matched, placement('accepted'), ranked)).toBe('accepted');
    expect(studentStatus('published', matched, placement('confirmed'), ranked)).toBe('confirmed');
    expect(studentStatus('published', matched, placement('declined'), ranked)).toBe('unplaced');
    expect(studentStatus('published', matched, placement('expired'), ranked)).toBe('unplaced');
  });

  it('follows the result of the matching before offers are out', () => {
    expect(studentStatus('matched', matched, undefined, ranked)).toBe('matched');
    expect(studentStatus('matched', unmatched, undefined, ranked)).toBe('unplaced');
    expect(studentStatus('matched', undefined, undefined, notRanked)).toBe('notRanked');
  });

  it('shows whether the student has ranked while the round is open, closed or matching', () => {
    for (const round of ['open', 'closed', 'matching'] as const) {
      expect(studentStatus(round, undefined, undefined, ranked)).toBe('ranked');
      expect(studentStatus(round, undefined, undefined, notRanked)).toBe('notRanked');
      expect(studentStatus(round, undefined, undefined, undefined)).toBe('notRanked');
    }
  });

  it('is pending while the round has not opened', () => {
    expect(studentStatus('draft', undefined, undefined, undefined)).toBe('pending');
    expect(studentStatus('draft', undefined, undefined, notRanked)).toBe('pending');
  });
});
