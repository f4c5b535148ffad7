/**
 * Where a student stands in one round: the one definition behind the coordinator's list, the
 * placement reports and anything else that counts students per round. Exactly one standing per
 * student and round, so the counts of a group always add up to its students.
 */
export const ROUND_STANDINGS = [
  /** Has not ranked in the round (nor was in its matching): neither placed nor unplaced. */
  'notTakingPart',
  /** Ranked; the result is not out yet (for coordinators: until the round is published). */
  'waiting',
  /** Got a slot in the matching; the offer is not made yet (admins, before publication). */
  'assigned',
  /** Holds an offer and has not answered. */
  'offered',
  /** Accepted while under 18; the seat is held until the guardian answers. */
  'awaitingGuardian',
  'accepted',
  /** Accepted, and the host confirmed the intern. */
  'confirmed',
  'declined',
  /** The offer's deadline passed without an answer. */
  'expired',
  /** The offer was withdrawn when the student was erased. */
  'withdrawn',
  /** Took part, and the matching gave them no slot. */
  'unplaced',
] as const;
export type RoundStanding = (typeof ROUND_STANDINGS)[number];

/** Standings of students who got a slot in the matching, whatever they did with it. */
export const MATCHED_STANDINGS: readonly RoundStanding[] = [
  'assigned',
  'offered',
  'awaitingGuardian',
  'accepted',
  'confirmed',
  'declined',
  'expired',
  'withdrawn',
];

/** Standings of students who took the slot they were matched to. */
export const PLACED_STANDINGS: readonly RoundStanding[] = ['accepted', 'confirmed'];

/** SQL: `column` (a standing) is one of `standings`, spelled from the constants above. */
export function standingIn(standings: readonly RoundStanding[], column = 'standing'): string {
  return `${column} IN (${standings.map((standing) => `'${standing}'`).join(', ')})`;
}

/**
 * SQL: one row per student of the database (`student_id`, `school_id`, `programme_id`,
 * `slot_id` of their assignment, `standing`) for the round `round` (a SQL parameter such as `$1`).
 * `coordinator` (a parameter, null for admins) hides the matching's results until the round is
 * published: before that they are the admins' alone.
 */
export function roundStandingsSql(round: string, coordinator: string): string {
  return standingsSql(coordinator, `rounds r CROSS JOIN students st`, `r.id = ${round}`);
}

/**
 * SQL: the same rows (with `round_id`), for every round a student of `students` (SQL yielding
 * student ids) took part in by ranking, being matched or holding a placement. The rounds left
 * out would all be `notTakingPart`, so a student's standings across rounds are the same as with
 * every round; starting from those pairs keeps it to one row per pair, not rounds × students.
 */
export function studentRoundStandingsSql(students: string, coordinator: string): string {
  return standingsSql(
    coordinator,
    `(SELECT p.round_id, p.student_id FROM preferences p WHERE p.student_id IN (${students})
       UNION SELECT a.round_id, a.student_id FROM assignments a WHERE a.student_id IN (${students})
       UNION SELECT x.round_id, x.student_id FROM placements x WHERE x.student_id IN (${students})
     ) pair JOIN rounds r ON r.id = pair.round_id JOIN students st ON st.id = pair.student_id`,
    'true',
  );
}

function standingsSql(coordinator: string, from: string, where: string): string {
  return `SELECT r.id AS round_id, st.id AS student_id, st.school_id, st.programme_id, a.slot_id,
       CASE
         WHEN pl.status = 'awaiting_guardian' THEN 'awaitingGuardian'
         WHEN pl.status IS NOT NULL THEN pl.status
         WHEN a.student_id IS NULL AND NOT EXISTS (
           SELECT 1 FROM preferences p WHERE p.round_id = r.id AND p.student_id = st.id)
           THEN 'notTakingPart'
         WHEN a.student_id IS NULL OR (${coordinator}::uuid IS NOT NULL AND r.status <> 'published')
           THEN 'waiting'
         WHEN a.slot_id IS NULL THEN 'unplaced'
         WHEN r.status = 'published' THEN 'withdrawn'
         ELSE 'assigned'
       END AS standing
     FROM ${from}
     LEFT JOIN assignments a ON a.round_id = r.id AND a.student_id = st.id
     LEFT JOIN placements pl ON pl.round_id = r.id AND pl.student_id = st.id
     WHERE ${where}`;
}
