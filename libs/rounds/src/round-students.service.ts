import { AuthUser } from '@app/accounts';
import { ForbiddenError, InvalidInputError } from '@app/errors';
import { BulkSent, PreferenceRemindersService } from '@app/notifications';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ROUND_STANDINGS, RoundStanding, roundStandingsSql } from './reports/round-standing';
import { PreferenceWindowClosedError, RoundNotFoundError } from './rounds.errors';

export const PREFERENCE_STATUSES = ['ranked', 'notRanked'] as const;
export type PreferenceStatus = (typeof PREFERENCE_STATUSES)[number];

/**
 * Whether a student has handed in a list in a round, and how long it is. Counts only: which
 * slots a student ranked stays between the student, the hosts of those slots and admins.
 */
export interface StudentPreferenceStatus {
  studentId: string;
  rankedCount: number;
  status: PreferenceStatus;
  /** Where the student stands in the round (round-standing.ts), as the reports count them. */
  standing: RoundStanding;
}

/**
 * What the coordinator's student list shows per student and round: the standing, or `pending`
 * for everyone while the round is a draft, and `guardianRefused` for an offer made again after
 * the guardian refused (the student must name another guardian or decline).
 */
export const STUDENT_LIST_STATUSES = ['pending', 'guardianRefused', ...ROUND_STANDINGS] as const;
export type StudentListStatus = (typeof STUDENT_LIST_STATUSES)[number];

export interface RoundStudentFilter {
  /** Admins: one school; coordinators: their own school, or left out. */
  schoolId?: string;
  status?: PreferenceStatus;
  page: number;
  pageSize: number;
}

/**
 * A school's students in a round while the window is open, so a coordinator can follow up on
 * those who have not ranked yet, before the matching rather than after it.
 */
@Injectable()
export class RoundStudentsService {
  constructor(
    private readonly db: DataSource,
    private readonly reminders: PreferenceRemindersService,
  ) {}

  /**
   * A coordinator reminds the students of their school who have not ranked in the round while
   * its window is open (PreferenceRemindersService.remindSchool says who, and who not again).
   */
  async remindNotRanked(caller: AuthUser, roundId: string): Promise<BulkSent> {
    const schoolId = this.schoolScope(caller, undefined);
    if (caller.role !== 'coordinator' || !schoolId) {
      throw new ForbiddenError('Coordinators remind the students of their school', {
        code: 'auth.role_forbidden',
      });
    }
    const [round]: { open: boolean }[] = await this.db.query(
      `SELECT status = 'open' AND preferences_close_at > now() AS open FROM rounds WHERE id = $1`,
      [roundId],
    );
    if (!round) throw new RoundNotFoundError(roundId);
    if (!round.open) throw new PreferenceWindowClosedError();
    return this.reminders.remindSchool(roundId, schoolId);
  }

  /**
   * One statement per page: the round's existence, the page of students (ordered like the
   * student list, by name) with their counts, and the total.
   */
  async list(
    caller: AuthUser,
    roundId: string,
    filter: RoundStudentFilter,
  ): Promise<{ items: StudentPreferenceStatus[]; total: number }> {
    const schoolId = this.schoolScope(caller, filter.schoolId);
    const [result] = await this.db.query<
      { found: boolean; total: number; items: StudentPreferenceStatus[] }[]
    >(
      `WITH filtered AS (
         SELECT st.id, st.full_name FROM students st
          WHERE st.user_id IS NOT NULL AND ($2::uuid IS NULL OR st.school_id = $2)
            AND ($3::text IS NULL OR ($3 = 'ranked') = EXISTS (
                  SELECT 1 FROM preferences p WHERE p.round_id = $1 AND p.student_id = st.id))
       ), page AS (
         SELECT f.id, f.full_name, rs.standing,
                (SELECT count(*)::int FROM preferences p
                  WHERE p.round_id = $1 AND p.student_id = f.id) AS ranked_count
           FROM (SELECT * FROM filtered ORDER BY full_name, id LIMIT $4 OFFSET $5) f
           JOIN (${roundStandingsSql('$1', '$6')}) rs ON rs.student_id = f.id
       )
       SELECT EXISTS (SELECT 1 FROM rounds WHERE id = $1) AS found,
              (SELECT count(*)::int FROM filtered) AS total,
              COALESCE((SELECT json_agg(json_build_object(
                          'studentId', page.id, 'rankedCount', page.ranked_count,
                          'status', CASE WHEN page.ranked_count > 0 THEN 'ranked' ELSE 'notRanked' END,
                          'standing', page.standing)
                          ORDER BY page.full_name, page.id) FROM page),
                       '[]') AS items`,
      [
        roundId,
        schoolId,
        filter.status ?? null,
        filter.pageSize,
        (filter.page - 1) * filter.pageSize,
        caller.role === 'coordinator' ? caller.organisationId : null,
      ],
    );
    if (!result.found) throw new RoundNotFoundError(roundId);
    return { items: result.items, total: result.total };
  }

  /**
   * The ids of the students (of the caller's school, or of `schoolId` for admins) whom the
   * student list shows with `status` in the round: what a download of the filtered list holds.
   */
  async idsWithStatus(
    caller: AuthUser,
    roundId: string,
    status: StudentListStatus,
    schoolId?: string,
  ): Promise<string[]> {
    const scope = this.schoolScope(caller, schoolId);
    const [round]: { draft: boolean }[] = await this.db.query(
      `SELECT status = 'draft' AS draft FROM rounds WHERE id = $1`,
      [roundId],
    );
    if (!round) throw new RoundNotFoundError(roundId);
    const rows: { id: string }[] = await this.db.query(
      `SELECT st.id
         FROM (${roundStandingsSql('$1', '$3')}) rs
         JOIN students st ON st.id = rs.student_id
         LEFT JOIN LATERAL (
           SELECT g.outcome FROM placements p JOIN guardian_consents g ON g.placement_id = p.id
            WHERE p.round_id = $1 AND p.student_id = st.id
            ORDER BY g.requested_at DESC, g.id DESC LIMIT 1
         ) consent ON true
        WHERE st.user_id IS NOT NULL AND ($2::uuid IS NULL OR st.school_id = $2)
          AND CASE
                WHEN $5 THEN $4 = 'pending'
                WHEN rs.standing = 'offered' AND consent.outcome = 'refused'
                  THEN $4 = 'guardianRefused'
                ELSE rs.standing = $4
              END`,
      [
        roundId,
        scope,
        caller.role === 'coordinator' ? caller.organisationId : null,
        status,
        round.draft,
      ],
    );
    return rows.map((row) => row.id);
  }

  private schoolScope(caller: AuthUser, schoolId: string | undefined): string | null {
    if (caller.role === 'admin') return schoolId ?? null;
    if (caller.role !== 'coordinator' || !caller.organisationId) {
      throw new ForbiddenError("Only coordinators and admins follow students' preferences", {
        code: 'auth.role_forbidden',
      });
    }
    if (schoolId && schoolId !== caller.organisationId) {
      throw new InvalidInputError('schoolId: coordinators see their own school only', {
        code: 'round.school_not_own',
        field: 'schoolId',
      });
    }
    return caller.organisationId;
  }
}
