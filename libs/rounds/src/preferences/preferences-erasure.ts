import { BEFORE_RUN } from '@app/database';
import { EntityManager } from 'typeorm';

/**
 * The rounds lib's part of a student's erasure (libs/privacy), in the erasure's transaction.
 * Rounds not yet run forget the student (hosts' not-acceptable marks too); rounds already run
 * keep the student's preferences, marks, orders and assignments, so their results stay
 * reproducible.
 */
export const preferencesErasure = {
  async leaveRoundsNotRun(db: EntityManager, studentId: string): Promise<void> {
    await db.query(
      `DELETE FROM not_acceptable_applicants na USING rounds r
       WHERE na.round_id = r.id AND na.student_id = $1 AND r.status = ANY($2::text[])`,
      [studentId, BEFORE_RUN],
    );
    await db.query(
      `DELETE FROM preferences p USING rounds r
       WHERE p.round_id = r.id AND p.student_id = $1 AND r.status = ANY($2::text[])`,
      [studentId, BEFORE_RUN],
    );
  },
};
