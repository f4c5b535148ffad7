/** The typed error for assignments that cannot be a stable matching of their instance. */

export type MatchingRule =
  | 'unknown_student'
  | 'missing_student'
  | 'unknown_slot'
  | 'not_mutually_acceptable'
  | 'over_capacity'
  | 'blocking_pair';

export class InvalidMatchingError extends Error {
  override readonly name = 'InvalidMatchingError';

  constructor(
    readonly rule: MatchingRule,
    readonly studentId: string | null,
    readonly slotId: string | null,
  ) {
    super(
      `invalid matching: ${[
        studentId === null ? null : `student ${JSON.stringify(studentId)}`,
        slotId === null ? null : `slot ${JSON.stringify(slotId)}`,
      ]
        .filter((part) => part !== null)
        .join(', ')} (${rule})`,
    );
  }
}
