import { EntityManager } from 'typeorm';

/** What the tombstone keeps in place of the name (the column may not be empty). */
export const ERASED_NAME = 'Slettet';

/**
 * The students lib's part of a student's erasure (libs/privacy), in the erasure's transaction:
 * the row becomes a tombstone that keeps only the id, school, programme, languages and period,
 * so round results and counts stay reproducible without saying who the student was.
 */
export const studentsErasure = {
  async tombstone(db: EntityManager, studentId: string): Promise<void> {
    await db.query(
      `UPDATE students SET full_name = $2, birth_date = NULL, motivation = '', skills = '{}',
              interests = '{}', expected_completion_year = NULL, expected_completion_month = NULL,
              user_id = NULL, erased_at = now(), updated_at = now()
       WHERE id = $1`,
      [studentId, ERASED_NAME],
    );
  },
};
