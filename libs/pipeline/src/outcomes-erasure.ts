import { EntityManager } from 'typeorm';

/**
 * The pipeline's part of a student's erasure (libs/privacy), in the erasure's transaction: the
 * outcome stays countable like the placement; the student's own words go.
 */
export const outcomesErasure = {
  async forgetContests(db: EntityManager, studentId: string): Promise<void> {
    await db.query(
      `UPDATE placement_outcomes SET contest_reason = NULL, contested_at = NULL
       WHERE student_id = $1`,
      [studentId],
    );
  },
};
