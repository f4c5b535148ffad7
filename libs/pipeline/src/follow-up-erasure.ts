import { EntityManager } from 'typeorm';

/**
 * Erasing a student takes their consent to follow-ups and every answer with it (the answers
 * hang on the consent). A plain function, like slotSeats, so erasure can call the tables' owner
 * inside its own transaction.
 */
export async function eraseFollowUps(db: EntityManager, studentId: string): Promise<void> {
  await db.query(`DELETE FROM follow_up_consents WHERE student_id = $1`, [studentId]);
}
