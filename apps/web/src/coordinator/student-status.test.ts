import { describe, expect, it } from 'vitest';
import type { Placement, RoundStanding, StudentPreferenceStatus } from '../api/types';
import { holdsSlot, studentStatus } from './student-status';

const offer = { status: 'offered' } as Placement;
const standing = (s: RoundStanding): StudentPreferenceStatus => ({
  studentId: 's',
  rankedCount: 3,
  status: 'ranked',
  standing: s,
});

describe("a student's status for the coordinator", () => {
  it("is the API's standing, declined and expired offers included", () => {
    for (const s of [
      'waiting',
      'offered',
      'accepted',
      'declined',
      'expired',
      'unplaced',
    ] as const) {
      expect(studentStatus('published', undefined, standing(s))).toBe(s);
    }
  });

  it('does not show a declined, expired or withdrawn slot as the place', () => {
    for (const s of ['declined', 'expired', 'withdrawn', 'unplaced', 'notTakingPart'] as const) {
      expect(holdsSlot(studentStatus('published', undefined, standing(s)))).toBe(false);
    }
    expect(holdsSlot(studentStatus('published', offer, standing('offered')))).toBe(true);
  });

  it("tells apart an offer made again after the guardian's refusal", () => {
    const refused = {
      status: 'offered',
      guardianConsent: { state: 'refused', requestedAt: '', answeredAt: '' },
    } as Placement;
    expect(studentStatus('published', refused, standing('offered'))).toBe('guardianRefused');
  });

  it('counts students without an account as not taking part, and a draft as pending', () => {
    expect(studentStatus('open', undefined, undefined)).toBe('notTakingPart');
    expect(studentStatus('draft', undefined, standing('waiting'))).toBe('pending');
  });
});
