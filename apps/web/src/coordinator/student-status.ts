import type { Placement, RoundResult, RoundStatus } from '../api/types';

export type StudentStatus =
  'pending' | 'notRanked' | 'matched' | 'accepted' | 'confirmed' | 'unplaced';

export const STUDENT_STATUSES: StudentStatus[] = [
  'pending',
  'notRanked',
  'matched',
  'accepted',
  'confirmed',
  'unplaced',
];

/**
 * Where a student stands in a round, from what the coordinator may read: the placement decides
 * once there is one, the matching's result before that. Before the matching has run, who ranked
 * what is not known per student (the report counts them).
 */
export function studentStatus(
  roundStatus: RoundStatus,
  result: RoundResult | undefined,
  placement: Placement | undefined,
): StudentStatus {
  if (placement) {
    if (placement.status === 'confirmed') return 'confirmed';
    if (placement.status === 'accepted') return 'accepted';
    if (placement.status === 'offered') return 'matched';
    return 'unplaced';
  }
  if (roundStatus !== 'matched' && roundStatus !== 'published') return 'pending';
  if (!result) return 'notRanked';
  return result.slotId ? 'matched' : 'unplaced';
}
