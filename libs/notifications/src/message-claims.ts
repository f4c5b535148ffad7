import { EntityManager } from 'typeorm';

/** The coordinator's bulk messages whose quiet time the database keeps (message_claims). */
export type ClaimedMessage = 'preferences.reminder' | 'invitation';

/**
 * SQL of one conditional upsert that claims a bulk message for students: a student gets a row
 * (or their row a new time) only if they had none, or theirs is older than the quiet time. Two
 * presses at once wait for each other on the row, and the second then finds it fresh, so each
 * student is claimed once, whichever api process asked. `$1` students, `$2` the round (null for
 * an invitation), `$3` the kind, `$4` the quiet time in minutes. The rows are claimed in the
 * order of their ids, so two presses over overlapping students cannot deadlock.
 */
const CLAIM_SQL = (conflict: string) => `
  INSERT INTO message_claims AS c (student_id, round_id, kind, last_sent_at)
  SELECT s.id, $2::uuid, $3, now() FROM (SELECT DISTINCT unnest($1::uuid[]) AS id) s ORDER BY s.id
  ON CONFLICT ${conflict} DO UPDATE SET last_sent_at = excluded.last_sent_at
   WHERE c.last_sent_at < excluded.last_sent_at - make_interval(mins => $4)
  RETURNING c.student_id AS "studentId"`;

export const messageClaims = {
  /**
   * Claims the message for each of the students, in the caller's transaction (which then sends
   * it, or rolls the claim back with the message); returns the students claimed, to whom alone
   * it may go.
   */
  async claim(
    db: EntityManager,
    kind: ClaimedMessage,
    studentIds: readonly string[],
    roundId: string | null,
    quietMinutes: number,
  ): Promise<string[]> {
    if (studentIds.length === 0) return [];
    const conflict =
      roundId === null
        ? '(student_id, kind) WHERE round_id IS NULL'
        : '(student_id, round_id, kind) WHERE round_id IS NOT NULL';
    const rows: { studentId: string }[] = await db.query(CLAIM_SQL(conflict), [
      studentIds,
      roundId,
      kind,
      quietMinutes,
    ]);
    return rows.map((row) => row.studentId);
  },
};
