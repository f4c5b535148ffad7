import { AuthUser } from '@app/accounts';
import { NotFoundError } from '@app/errors';
import { EntityManager } from 'typeorm';

/** A live (not erased) student, as export and erasure need to find them. */
export interface DataSubject {
  id: string;
  userId: string;
  schoolId: string;
}

/**
 * The student, if the caller may act on them: themself, an admin, and for erasure also their
 * school's coordinator. Anyone else, and any erased student, gets 404: the answer does not reveal
 * whether the student exists.
 */
export async function findDataSubject(
  db: EntityManager,
  caller: AuthUser,
  studentId: string,
  options: { coordinatorMay: boolean; lock?: boolean },
): Promise<DataSubject> {
  const [subject]: DataSubject[] = await db.query(
    `SELECT id, user_id AS "userId", school_id AS "schoolId" FROM students
     WHERE id = $1 AND erased_at IS NULL AND left_at IS NULL ${options.lock ? 'FOR UPDATE' : ''}`,
    [studentId],
  );
  const allowed =
    subject &&
    (caller.role === 'admin' ||
      caller.studentId === subject.id ||
      (options.coordinatorMay &&
        caller.role === 'coordinator' &&
        caller.organisationId === subject.schoolId));
  if (!allowed) throw new NotFoundError('Student', studentId);
  return subject;
}
