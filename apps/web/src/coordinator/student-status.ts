import type { Placement, RoundResult, RoundStatus, StudentPreferenceStatus } from '../api/types';

export type StudentStatus =
  'pending' | 'notRanked' | 'ranked' | 'matched' | 'accepted' | 'confirmed' | 'unplaced';

export const STUDENT_STATUSES: StudentStatus[] = [
  'pending',
  'notRanked',
  'ranked',
  'matched',
  'accepted',
  'confirmed',
  'unplaced',
];

/**
 * Where a student stands in a round, from what the coordinator may read: the placement decides
 * once there is one, the matching's result before that, and before the matching whether the
 * student has handed in a list (GET /api/rounds/:id/students). A round not yet opened is
 * pending for everyone.
 */
export function studentStatus(
  roundStatus: RoundStatus,
  result: RoundResult | undefined,
  placement: Placement | undefined,
  preference: StudentPreferenceStatus | undefined,
): StudentStatus {
  if (placement) {
    if (placement.status === 'confirmed') return 'confirmed';
    if (placement.status === 'accepted') return 'accepted';
    if (placement.status === 'offered') return 'matched';
    return 'unplaced';
  }
  if (roundStatus === 'draft') return 'pending';
  if (roundStatus !== 'matched' && roundStatus !== 'published') {
    return preference?.status === 'ranked' ? 'ranked' : 'notRanked';
  }
  if (!result) return 'notRanked';
  return result.slotId ? 'matched' : 'unplaced';
}
