import { AccountsService, AuthUser, SessionRegistry, UsersService } from '@app/accounts';
import { AccessLogService } from '@app/access-log';
import { OPEN_OFFER_STATUSES, placementStatusIn, RESULT_PENDING } from '@app/database';
import { ConflictError, InvalidInputError, NotFoundError } from '@app/errors';
import { NotificationsService } from '@app/notifications';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { RequestEnrolmentDto } from './dto/enrolment.dto';
import { EXPECTED_COMPLETION_SQL, expectedCompletionSql, toYearMonth } from './expected-completion';

/**
 * The ids of every enrolment of the person whose current students row is `$n`: that row and
 * the rows it followed, newest first. A subquery, for `student_id IN (...)`.
 */
export const enrolmentChainSql = (param: string) => `(
  WITH RECURSIVE chain(id, depth) AS (
    SELECT ${param}::uuid, 0
    UNION ALL
    SELECT earlier.id, chain.depth + 1 FROM students earlier
      JOIN chain ON earlier.moved_to_student_id = chain.id WHERE chain.depth < 20)
  SELECT id FROM chain)`;

export interface EnrolmentView {
  studentId: string;
  school: { id: string; name: string };
  programme: { id: string; name: string };
  since: Date;
  /** When the person moved on from it; null for the current one. */
  leftAt: Date | null;
  expectedCompletion: string | null;
}

export interface EnrolmentRequestView {
  id: string;
  school: { id: string; name: string };
  programme: { id: string; name: string };
  expectedCompletion: string | null;
  requestedAt: Date;
}

export interface MyEnrolments {
  /** The current enrolment first, then the earlier ones. */
  enrolments: EnrolmentView[];
  /** Schools that asked the person to enrol, waiting for their answer. */
  requests: EnrolmentRequestView[];
}

export class EnrolmentOpenOfferError extends ConflictError {
  constructor() {
    super('answer the open offer before changing school', { code: 'enrolment.open_offer' });
  }
}

export class EnrolmentInRoundError extends ConflictError {
  constructor() {
    super('the current enrolment is ranked in a round that has not run', {
      code: 'enrolment.in_round',
    });
  }
}

const REQUEST_VIEW_SQL = `
  SELECT r.id, jsonb_build_object('id', o.id, 'name', o.name) AS school,
         jsonb_build_object('id', p.id, 'name', p.name) AS programme,
         ${expectedCompletionSql('r')} AS "expectedCompletion",
         r.requested_at AS "requestedAt"
    FROM enrolment_requests r
    JOIN organisations o ON o.id = r.school_id
    JOIN programmes p ON p.id = r.programme_id`;

/**
 * One person across schools. A school's coordinator asks a person who already has an account
 * (a gymnasium student going on to NEXT or Absalon) to enrol; the person confirms or declines.
 * Confirming opens a new enrolment (students row) at the new school on the same account; the
 * earlier one keeps its placements and outcomes, which stay the person's and its own school's,
 * and is no longer on that school's roster. Owns enrolment_requests (and, as the students lib,
 * the students rows it moves).
 *
 * The request answers alike whether or not the address belongs to anyone: a coordinator of
 * one school must not learn from it that someone studies, or studied, elsewhere. The person's
 * confirmation is what tells the new school (the student then shows on its roster).
 */
@Injectable()
export class EnrolmentsService {
  private readonly logger = new Logger('Enrolments');

  constructor(
    private readonly db: DataSource,
    private readonly users: UsersService,
    private readonly accounts: AccountsService,
    private readonly sessions: SessionRegistry,
    private readonly notifications: NotificationsService,
    private readonly accessLog: AccessLogService,
  ) {}

  /** Asks the person with this e-mail to enrol with the coordinator's school, if there is one. */
  async request(caller: AuthUser, input: RequestEnrolmentDto): Promise<void> {
    const schoolId = caller.organisationId;
    if (caller.role !== 'coordinator' || !schoolId) throw new NotFoundError('School', '');
    await this.db.transaction(async (db) => {
      const [programme]: { name: string; schoolName: string }[] = await db.query(
        `SELECT p.name, o.name AS "schoolName" FROM programmes p
           JOIN organisations o ON o.id = p.school_id WHERE p.id = $1 AND p.school_id = $2`,
        [input.programmeId, schoolId],
      );
      if (!programme) {
        throw new InvalidInputError("programmeId must be a programme of the coordinator's school", {
          code: 'student.programme_not_of_school',
          field: 'programmeId',
        });
      }
      const [person]: { userId: string; studentId: string }[] = await db.query(
        `SELECT u.id AS "userId", s.id AS "studentId" FROM users u
           JOIN students s ON s.user_id = u.id
          WHERE u.email = lower($1) AND u.role = 'student' AND s.school_id <> $2`,
        [input.email.trim(), schoolId],
      );
      // Nobody, a staff account or a student of this school already: nothing to ask.
      if (!person) return;
      const completion = toYearMonth(input.expectedCompletion ?? null);
      const [request]: { id: string }[] = await db.query(
        `INSERT INTO enrolment_requests (user_id, from_student_id, school_id, programme_id,
                                         expected_completion_year, expected_completion_month,
                                         requested_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (user_id, school_id) WHERE status = 'pending'
           DO UPDATE SET from_student_id = EXCLUDED.from_student_id,
             programme_id = EXCLUDED.programme_id, requested_by = EXCLUDED.requested_by,
             expected_completion_year = EXCLUDED.expected_completion_year,
             expected_completion_month = EXCLUDED.expected_completion_month,
             requested_at = now()
         RETURNING id`,
        [
          person.userId,
          person.studentId,
          schoolId,
          input.programmeId,
          completion.expectedCompletionYear,
          completion.expectedCompletionMonth,
          caller.id,
        ],
      );
      // Asked once per request: asking again renews it without a second e-mail.
      await this.notifications.emit(db, {
        event: 'enrolment.requested',
        recipientUserId: person.userId,
        subjectId: request.id,
        payload: {
          enrolmentRequestId: request.id,
          schoolName: programme.schoolName,
          programmeName: programme.name,
        },
      });
      // The person sees in their access log that another school asked about them.
      await this.accessLog.record(
        caller,
        {
          action: 'change',
          purpose: 'POST /api/students/enrolments',
          entries: [{ studentId: person.studentId, fields: ['enrolmentRequests'] }],
        },
        db,
      );
    });
  }

  /** The person's enrolments, current first, and the schools waiting for their answer. */
  async mine(caller: AuthUser): Promise<MyEnrolments> {
    if (!caller.studentId) return { enrolments: [], requests: [] };
    const [enrolments, requests] = await Promise.all([
      this.db.query<EnrolmentView[]>(
        `SELECT s.id AS "studentId", jsonb_build_object('id', o.id, 'name', o.name) AS school,
                jsonb_build_object('id', p.id, 'name', p.name) AS programme,
                s.created_at AS since, s.left_at AS "leftAt",
                ${EXPECTED_COMPLETION_SQL} AS "expectedCompletion"
           FROM students s
           JOIN organisations o ON o.id = s.school_id
           JOIN programmes p ON p.id = s.programme_id
          WHERE s.id IN ${enrolmentChainSql('$1')}
          ORDER BY s.left_at DESC NULLS FIRST, s.created_at DESC`,
        [caller.studentId],
      ),
      this.db.query<EnrolmentRequestView[]>(
        `${REQUEST_VIEW_SQL} WHERE r.user_id = $1 AND r.status = 'pending'
          ORDER BY r.requested_at DESC`,
        [caller.id],
      ),
    ]);
    return { enrolments, requests };
  }

  /**
   * The person takes up the new school's enrolment: a new students row on their account, the
   * current one left behind with its history. Answers with a new access token, as the
   * account's school changed (which ends the older sessions).
   */
  async confirm(caller: AuthUser, requestId: string): Promise<{ accessToken: string }> {
    const moved = await this.db.transaction(async (db) => {
      const request = await this.pendingRequest(db, caller, requestId);
      const [current]: { id: string }[] = await db.query(
        `SELECT id FROM students WHERE user_id = $1 FOR UPDATE`,
        [caller.id],
      );
      if (!current) throw new NotFoundError('EnrolmentRequest', requestId);
      await this.checkFreeToMove(db, current.id);
      const [{ id: newId }]: { id: string }[] = await db.query(`SELECT gen_random_uuid() AS id`);
      // The account link moves from the row left to the new one; the chain keeps them joined.
      await db.query(
        `UPDATE students SET user_id = NULL, left_at = now(), moved_to_student_id = $2,
                updated_at = now() WHERE id = $1`,
        [current.id, newId],
      );
      await db.query(
        `INSERT INTO students (id, user_id, school_id, programme_id, full_name, birth_date,
                               languages, skills, interests, motivation, available_from,
                               available_to, expected_completion_year, expected_completion_month)
         SELECT $2, $3, $4, $5, full_name, birth_date, languages, skills, interests, motivation,
                available_from, available_to, $6, $7
           FROM students WHERE id = $1`,
        [
          current.id,
          newId,
          caller.id,
          request.schoolId,
          request.programmeId,
          request.year,
          request.month,
        ],
      );
      await this.users.moveStudentAccount(db, caller.id, request.schoolId);
      await db.query(
        `UPDATE enrolment_requests SET status = 'confirmed', answered_at = now(),
                to_student_id = $2 WHERE id = $1`,
        [requestId, newId],
      );
      this.logger.log({ msg: 'enrolment moved', from: current.id, to: newId, requestId });
      return { studentId: newId, schoolId: request.schoolId };
    });
    this.sessions.forget(caller.id);
    const accessToken = await this.accounts.issueToken({
      id: caller.id,
      role: 'student',
      organisationId: moved.schoolId,
      studentId: moved.studentId,
    });
    return { accessToken };
  }

  async decline(caller: AuthUser, requestId: string): Promise<void> {
    await this.db.transaction(async (db) => {
      await this.pendingRequest(db, caller, requestId);
      await db.query(
        `UPDATE enrolment_requests SET status = 'declined', answered_at = now() WHERE id = $1`,
        [requestId],
      );
    });
  }

  private async pendingRequest(db: EntityManager, caller: AuthUser, requestId: string) {
    const [request]: { schoolId: string; programmeId: string; year: number; month: number }[] =
      await db.query(
        `SELECT school_id AS "schoolId", programme_id AS "programmeId",
                expected_completion_year AS year, expected_completion_month AS month
           FROM enrolment_requests
          WHERE id = $1 AND user_id = $2 AND status = 'pending' FOR UPDATE`,
        [requestId, caller.id],
      );
    if (!request || caller.role !== 'student') {
      throw new NotFoundError('EnrolmentRequest', requestId);
    }
    return request;
  }

  /** An unanswered offer or a list in a round to come belongs to the current enrolment. */
  private async checkFreeToMove(db: EntityManager, studentId: string): Promise<void> {
    const [state]: { openOffer: boolean; inRound: boolean }[] = await db.query(
      `SELECT EXISTS (SELECT 1 FROM placements WHERE student_id = $1
                        AND ${placementStatusIn(OPEN_OFFER_STATUSES)}) AS "openOffer",
              EXISTS (SELECT 1 FROM preferences pr JOIN rounds r ON r.id = pr.round_id
                       WHERE pr.student_id = $1 AND r.status = ANY($2::text[])) AS "inRound"`,
      [studentId, RESULT_PENDING],
    );
    if (state.openOffer) throw new EnrolmentOpenOfferError();
    if (state.inRound) throw new EnrolmentInRoundError();
  }
}
