import { describe, expect, it } from 'vitest';
import type { Placement, PlacementStatus } from '../api/types';
import { studentStatus } from './student-status';

const placement = (status: PlacementStatus) => ({ status }) as Placement;
const matched = { studentId: 's', slotId: 'x', studentRank: 1 };
const unmatched = { studentId: 's', slotId: null, studentRank: null };

describe("a student's status for the coordinator", () => {
  it('follows the placement once there is one', () => {
    expect(studentStatus('published', matched, placement('offered'))).toBe('matched');
    expect(studentStatus('published', matched, placement('accepted'))).toBe('accepted');
    expect(studentStatus('published', matched, placement('confirmed'))).toBe('confirmed');
    expect(studentStatus('published', matched, placement('declined'))).toBe('unplaced');
    expect(studentStatus('published', matched, placement('expired'))).toBe('unplaced');
  });

  it('follows the result of the matching before offers are out', () => {
    expect(studentStatus('matched', matched, undefined)).toBe('matched');
    expect(studentStatus('matched', unmatched, undefined)).toBe('unplaced');
    expect(studentStatus('matched', undefined, undefined)).toBe('notRanked');
  });

  it('is pending while the round has not been matched', () => {
    expect(studentStatus('open', undefined, undefined)).toBe('pending');
    expect(studentStatus('matching', undefined, undefined)).toBe('pending');
  });
});
