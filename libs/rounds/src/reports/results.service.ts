import { AuthUser } from '@app/accounts';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Round } from '@app/database';
import { RoundNotFoundError, RoundStateError } from '../rounds.errors';

export interface ResultItem {
  studentId: string;
  slotId: string | null;
  /**
   * The student's own rank of the slot they got: part of their preferences, so only the
   * student themself and admins are told it.
   */
  studentRank?: number | null;
}

/** Each role sees the part of a round's results that concerns it. */
const SCOPES: Record<AuthUser['role'], string> = {
  admin: 'TRUE',
  coordinator: 'st.school_id = $2',
  reviewer: 's.organisation_id = $2',
  student: 'a.student_id = $2',
};

/** Results are the admins' alone until the round is published. */
export const RESULTS_PUBLIC: readonly Round['status'][] = ['published'];

@Injectable()
export class ResultsService {
  constructor(private readonly dataSource: DataSource) {}

  async list(caller: AuthUser, roundId: string, page: number, pageSize: number) {
    const round = await this.dataSource.getRepository(Round).findOneBy({ id: roundId });
    if (!round) throw new RoundNotFoundError(roundId);
    if (caller.role !== 'admin' && !RESULTS_PUBLIC.includes(round.status)) {
      throw new RoundStateError('read the results of', round.status, RESULTS_PUBLIC);
    }
    const scopeValue = caller.role === 'student' ? caller.studentId : caller.organisationId;
    const from = `FROM assignments a JOIN students st ON st.id = a.student_id
                  LEFT JOIN slots s ON s.id = a.slot_id
                  WHERE a.round_id = $1 AND ${SCOPES[caller.role]}`;
    const params = caller.role === 'admin' ? [roundId] : [roundId, scopeValue];
    const offset = params.length + 1;
    const rank =
      caller.role === 'admin' || caller.role === 'student'
        ? `, a.student_rank AS "studentRank"`
        : '';
    const [items, [{ total }]] = await Promise.all([
      this.dataSource.query<ResultItem[]>(
        `SELECT a.student_id AS "studentId", a.slot_id AS "slotId"${rank}
         ${from} ORDER BY a.student_id LIMIT $${offset} OFFSET $${offset + 1}`,
        [...params, pageSize, (page - 1) * pageSize],
      ),
      this.dataSource.query<{ total: number }[]>(`SELECT count(*)::int AS total ${from}`, params),
    ]);
    return { items, total };
  }
}
