import { AccessLogService } from '@app/access-log';
import { AuthUser } from '@app/accounts';
import { PlacementStatus, RoundStatus } from '@app/database';
import { RoundStanding, studentRoundStandingsSql } from '@app/rounds';
import { STUDENT_VIEW_FIELDS, StudentsService, StudentView } from '@app/students';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface OverviewSlot {
  id: string;
  title: string;
  organisation: { id: string; name: string };
}

/** The student's offer or placement of a round, as the placement's own status names it. */
export interface OverviewPlacement {
  id: string;
  status: PlacementStatus;
  slot: OverviewSlot;
  offeredAt: string;
  deadline: string;
  answeredAt: string | null;
  confirmedAt: string | null;
}

export interface OverviewRound {
  round: { id: string; name: string; status: RoundStatus; preferencesCloseAt: string };
  /** Where the student stands in the round: the one definition of libs/rounds (round-standing.ts). */
  standing: RoundStanding;
  rankedCount: number;
  /**
   * The slots ranked, in order: admins only. Which slots a student ranked stays between the
   * student, the hosts of those slots and admins (docs/PRIVACY.md); coordinators see the count.
   */
  preferences: { rank: number; slot: OverviewSlot }[] | null;
  /** Once the round's offers are made. */
  placement: OverviewPlacement | null;
}

export interface StudentOverview {
  student: StudentView;
  invitation: {
    /** The student has set a password. */
    accepted: boolean;
    /** When the newest invitation was made (and its e-mail sent). */
    lastSentAt: string | null;
    /** The latest expiry of an unused invitation; past or null: no link works any more. */
    expiresAt: string | null;
  };
  /** Newest first: every round the student took part in, and any open round. */
  rounds: OverviewRound[];
}

/** What the overview shows of a student beyond the profile, as the access log names it. */
export const OVERVIEW_FIELDS = [
  ...STUDENT_VIEW_FIELDS,
  'invitation',
  'preferences',
  'placements',
] as const;
const ROUTE = 'GET /api/students/:id/overview';

const SLOT_JSON = (slot: string, organisation: string) =>
  `json_build_object('id', ${slot}.id, 'title', ${slot}.title,
     'organisation', json_build_object('id', ${organisation}.id, 'name', ${organisation}.name))`;

/**
 * One student as their coordinator (or an admin) follows them: the profile, the invitation, and
 * per round where they stand, what they ranked and their offer. Three statements whatever the
 * number of rounds: the student, the rest in one query, and the access log.
 */
@Injectable()
export class StudentOverviewService {
  constructor(
    private readonly db: DataSource,
    private readonly students: StudentsService,
    private readonly accessLog: AccessLogService,
  ) {}

  async overview(caller: AuthUser, studentId: string): Promise<StudentOverview> {
    const student = await this.students.staffView(caller, studentId);
    const [rest]: Omit<StudentOverview, 'student'>[] = await this.db.query(
      `WITH standing AS (${studentRoundStandingsSql('$1::uuid', '$2')}),
       shown AS (
         -- An open round the student has not ranked in: the standing's own answer is
         -- notTakingPart, which studentRoundStandingsSql leaves out.
         SELECT r.id, r.name, r.status, r.preferences_close_at,
                coalesce(st.standing, 'notTakingPart') AS standing
           FROM rounds r LEFT JOIN standing st ON st.round_id = r.id
          WHERE st.round_id IS NOT NULL OR r.status = 'open'
       )
       SELECT
         json_build_object(
           'accepted', (SELECT password_hash IS NOT NULL FROM users WHERE id = $3),
           'lastSentAt', (SELECT max(created_at) FROM invitations WHERE user_id = $3),
           'expiresAt', (SELECT max(expires_at) FROM invitations
                          WHERE user_id = $3 AND used_at IS NULL)) AS invitation,
         coalesce((SELECT json_agg(json_build_object(
           'round', json_build_object('id', r.id, 'name', r.name, 'status', r.status,
                                      'preferencesCloseAt', r.preferences_close_at),
           'standing', r.standing,
           'rankedCount', (SELECT count(*)::int FROM preferences p
                            WHERE p.round_id = r.id AND p.student_id = $1),
           'preferences', CASE WHEN $4 THEN coalesce((
             SELECT json_agg(json_build_object('rank', p.rank, 'slot', ${SLOT_JSON('sl', 'o')})
                             ORDER BY p.rank)
               FROM preferences p JOIN slots sl ON sl.id = p.slot_id
               JOIN organisations o ON o.id = sl.organisation_id
              WHERE p.round_id = r.id AND p.student_id = $1), '[]') END,
           'placement', (
             SELECT json_build_object('id', pl.id, 'status', pl.status,
                      'slot', ${SLOT_JSON('sl', 'o')}, 'offeredAt', pl.offered_at,
                      'deadline', pl.deadline_at, 'answeredAt', pl.answered_at,
                      'confirmedAt', pl.confirmed_at)
               FROM placements pl JOIN slots sl ON sl.id = pl.slot_id
               JOIN organisations o ON o.id = sl.organisation_id
              WHERE pl.round_id = r.id AND pl.student_id = $1))
           ORDER BY r.preferences_close_at DESC, r.id) FROM shown r), '[]') AS rounds`,
      [
        studentId,
        caller.role === 'coordinator' ? caller.organisationId : null,
        student.userId,
        caller.role === 'admin',
      ],
    );
    await this.accessLog.recordList(caller, ROUTE, [studentId], OVERVIEW_FIELDS);
    return { student, ...rest };
  }
}
