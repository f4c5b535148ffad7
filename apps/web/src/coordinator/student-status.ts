import type { Placement, RoundStanding, RoundStatus, StudentPreferenceStatus } from '../api/types';

/** The round's standing (defined once, by the API), plus what only the list tells apart. */
export type StudentStatus = RoundStanding | 'pending' | 'guardianRefused';

export const STUDENT_STATUSES: StudentStatus[] = [
  'pending',
  'notTakingPart',
  'waiting',
  'assigned',
  'offered',
  'guardianRefused',
  'awaitingGuardian',
  'accepted',
  'confirmed',
  'declined',
  'expired',
  'withdrawn',
  'unplaced',
];

/** Standings in which the student holds the slot of their placement (offered or taken). */
const HOLDS_SLOT: readonly StudentStatus[] = [
  'offered',
  'guardianRefused',
  'awaitingGuardian',
  'accepted',
  'confirmed',
];

/**
 * Where a student stands in a round: the API's standing (GET /api/rounds/:id/students, the same
 * one the placement report counts). A round not yet opened is pending for everyone; a student
 * the API does not list has no account and so takes no part. An offer made again after the
 * guardian refused is told apart, since the student must name another guardian or decline.
 */
export function studentStatus(
  roundStatus: RoundStatus,
  placement: Placement | undefined,
  preference: StudentPreferenceStatus | undefined,
): StudentStatus {
  if (roundStatus === 'draft') return 'pending';
  const standing = preference?.standing ?? 'notTakingPart';
  if (standing === 'offered' && placement?.guardianConsent?.state === 'refused') {
    return 'guardianRefused';
  }
  return standing;
}

/** Whether the placement column shows the slot: not once it was declined, expired or withdrawn. */
export function holdsSlot(status: StudentStatus): boolean {
  return HOLDS_SLOT.includes(status);
}
