import { EntityManager } from 'typeorm';

/**
 * The notifications lib's part of a student's erasure (libs/privacy), in the erasure's
 * transaction: messages to the student, and messages to others that name them (their rendered
 * texts do), including those to the student's guardians, and when the coordinator's bulk
 * messages last went to them.
 */
export const messagesErasure = {
  /** Returns the ids of the outbox rows removed, whose delivery jobs must go too. */
  async deleteAbout(
    db: EntityManager,
    subject: { studentId: string; userId: string },
  ): Promise<string[]> {
    const rows: { id: string }[] = await db.query(
      `SELECT id FROM outbox WHERE recipient_user_id = $2 OR payload->>'studentId' = $1::text
          OR guardian_consent_id IN (SELECT id FROM guardian_consents WHERE student_id = $1::uuid)
       FOR UPDATE`,
      [subject.studentId, subject.userId],
    );
    const ids = rows.map((row) => row.id);
    await db.query(`DELETE FROM notifications WHERE user_id = $1 OR outbox_id = ANY($2::uuid[])`, [
      subject.userId,
      ids,
    ]);
    await db.query(`DELETE FROM outbox WHERE id = ANY($1::uuid[])`, [ids]);
    // When the coordinator's bulk messages last went to them (message-claims.ts).
    await db.query(`DELETE FROM message_claims WHERE student_id = $1`, [subject.studentId]);
    return ids;
  },
};
