import { HOST_KINDS, PLACED_STATUSES, placementStatusIn } from '@app/database';
import { AuthUser } from '@app/accounts';
import { AccessLogService, WORKER } from '@app/access-log';
import { ForbiddenError } from '@app/errors';
import {
  followUpTokenHash,
  LinkTokenIssuers,
  newFollowUpToken,
  NotificationsService,
} from '@app/notifications';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { FollowUpAnswerDto, FollowUpMonths, Situation } from './dto/follow-up.dto';
import { completedOnSql, FOLLOW_UP_ANSWER_DAYS } from './follow-up-schedule';
import {
  FollowUpLinkExpiredError,
  FollowUpLinkNotFoundError,
  FollowUpLinkUsedError,
  NotAnAllianceMemberError,
} from './pipeline.errors';

export interface FollowUpAnswerView {
  months: FollowUpMonths;
  dueOn: string;
  answeredAt: Date | null;
  situation: Situation | null;
  organisation: { id: string; name: string } | null;
  studyProgramme: string | null;
  studySchool: string | null;
}

export interface FollowUpConsentView {
  /** A placement of the student's has ended: the question is put to them (once). */
  asked: boolean;
  /** null: not answered yet. */
  consented: boolean | null;
  answeredAt: Date | null;
  followUps: FollowUpAnswerView[];
}

/** What the public form shows behind its link: which follow-up, and the alliance's members. */
export interface FollowUpFormView {
  months: FollowUpMonths;
  members: { id: string; name: string }[];
}

interface LinkRow {
  id: string;
  studentId: string;
  months: FollowUpMonths;
  answeredAt: Date | null;
  expired: boolean;
}

/**
 * "Where are they now": when a placement ends the student is asked once whether they agree to
 * short follow-ups; if they do, 6, 12 and 24 months after completing (the last day of their
 * expected completion month) they get a one-click form by e-mail, answered without signing in
 * through a single-use link. Withdrawing deletes every answer. Owns follow_up_consents and
 * follow_ups; the database refuses a follow-up without consent (see the migration).
 */
@Injectable()
export class FollowUpsService implements OnModuleInit {
  private readonly logger = new Logger('FollowUps');

  constructor(
    private readonly db: DataSource,
    private readonly notifications: NotificationsService,
    private readonly accessLog: AccessLogService,
    private readonly linkTokens: LinkTokenIssuers,
  ) {}

  /** The follow-up e-mail's link: drawn when the e-mail is made, only its hash kept here. */
  onModuleInit(): void {
    this.linkTokens.register('follow-up', ({ payload }) =>
      this.issueLinkToken(String(payload.followUpId)),
    );
  }

  /**
   * Replaces the hash of an earlier attempt's token; a follow-up answered, expired or deleted
   * (consent withdrawn) meanwhile needs no message (null).
   */
  private async issueLinkToken(followUpId: string): Promise<string | null> {
    const { token, hash } = newFollowUpToken();
    const stored: unknown[] = await this.db.query(
      `UPDATE follow_ups SET token_hash = $2
        WHERE id = $1 AND answered_at IS NULL AND expires_on > current_date
        RETURNING id`,
      [followUpId, hash],
    );
    return stored.length === 0 ? null : token;
  }

  async consent(caller: AuthUser): Promise<FollowUpConsentView> {
    return this.view(this.db.manager, studentOf(caller));
  }

  /** Agree, decline, or withdraw: a withdrawal deletes the answers in the same transaction. */
  async setConsent(caller: AuthUser, consented: boolean): Promise<FollowUpConsentView> {
    const studentId = studentOf(caller);
    return this.db.transaction(async (db) => {
      if (!consented) await db.query(`DELETE FROM follow_ups WHERE student_id = $1`, [studentId]);
      await db.query(
        `INSERT INTO follow_up_consents (student_id, consented) VALUES ($1, $2)
         ON CONFLICT (student_id) DO UPDATE SET consented = EXCLUDED.consented, answered_at = now()`,
        [studentId, consented],
      );
      return this.view(db, studentId);
    });
  }

  /**
   * Writes the follow-ups due on `today` and their e-mails, once each: run daily by the worker,
   * it finds what is due in the database (so a lost queue or a missed day loses nothing), and
   * the unique (student, months) makes a second run a no-op. A milestone is sent only until the
   * next one falls due, so a late consent gets the current question, not every earlier one.
   * Returns how many follow-ups were written.
   */
  async sendDue(today: Date = new Date()): Promise<number> {
    const day = today.toISOString().slice(0, 10);
    const due: { studentId: string }[] = await this.db.transaction(async (db) => {
      const written: { id: string; studentId: string; months: number; userId: string }[] =
        await db.query(
          `WITH completion AS (
           SELECT st.id AS student_id, st.user_id, ${completedOnSql('st')} AS completed_on
           FROM follow_up_consents c JOIN students st ON st.id = c.student_id
           WHERE c.consented AND st.erased_at IS NULL AND st.expected_completion_year IS NOT NULL
         ), due AS (
           INSERT INTO follow_ups (student_id, months, due_on, expires_on)
           SELECT c.student_id, m.months, (c.completed_on + make_interval(months => m.months))::date,
                  (c.completed_on + make_interval(months => m.months))::date + $2::int
           FROM completion c CROSS JOIN (VALUES (6, 12), (12, 24), (24, 36)) AS m(months, next)
           WHERE c.completed_on + make_interval(months => m.months) <= $1::date
             AND $1::date < c.completed_on + make_interval(months => m.next)
           ON CONFLICT (student_id, months) DO NOTHING
           RETURNING id, student_id, months
         )
         SELECT d.id, d.student_id AS "studentId", d.months, c.user_id AS "userId"
         FROM due d JOIN completion c ON c.student_id = d.student_id`,
          [day, FOLLOW_UP_ANSWER_DAYS],
        );
      // Their e-mails, through the outbox's owner, in the same transaction.
      await this.notifications.emitAll(
        db,
        written.map(({ id, months, userId }) => ({
          event: 'whereabouts.requested' as const,
          recipientUserId: userId,
          subjectId: id,
          payload: { followUpId: id, months },
        })),
      );
      if (written.length > 0) {
        await this.accessLog.record(
          WORKER,
          {
            action: 'read',
            purpose: `job send-follow-ups ${day}`,
            entries: written.map(({ studentId }) => ({
              studentId,
              fields: ['followUpConsent', 'expectedCompletion'],
            })),
          },
          db,
        );
      }
      return written;
    });
    this.logger.log({ msg: 'follow-ups written', day, followUps: due.length });
    return due.length;
  }

  /** The form behind a link; reading does not spend it. */
  async form(token: string): Promise<FollowUpFormView> {
    const row = assertOpen(await this.findLink(this.db.manager, token));
    const members: { id: string; name: string }[] = await this.db.query(
      `SELECT id, name FROM organisations WHERE kind = ANY($1::text[]) ORDER BY name, id`,
      [HOST_KINDS],
    );
    return { months: row.months, members };
  }

  /** The answer, once: it spends the link. Stored only while the student consents. */
  async answer(input: FollowUpAnswerDto): Promise<{ months: FollowUpMonths; answered: true }> {
    return this.db.transaction(async (db) => {
      const row = assertOpen(await this.findLink(db, input.token, true));
      const member = input.situation === 'alliance_member' ? input.organisationId : undefined;
      if (input.situation === 'alliance_member') {
        const [found] = member
          ? await db.query(`SELECT 1 FROM organisations WHERE id = $1 AND kind = ANY($2::text[])`, [
              member,
              HOST_KINDS,
            ])
          : [];
        if (!found) throw new NotAnAllianceMemberError();
      }
      const studying = input.situation === 'studying';
      // The row exists only while its student consents (the foreign key), so this cannot
      // store an answer after a withdrawal.
      await db.query(
        `UPDATE follow_ups SET answered_at = now(), situation = $2, organisation_id = $3,
                study_programme = $4, study_school = $5
         WHERE id = $1 AND answered_at IS NULL`,
        [
          row.id,
          input.situation,
          member ?? null,
          studying ? (input.studyProgramme ?? null) : null,
          studying ? (input.studySchool ?? null) : null,
        ],
      );
      return { months: row.months, answered: true as const };
    });
  }

  private async findLink(
    db: EntityManager,
    token: string,
    lock = false,
  ): Promise<LinkRow | undefined> {
    const [row]: LinkRow[] = await db.query(
      `SELECT f.id, f.student_id AS "studentId", f.months::int AS months,
              f.answered_at AS "answeredAt", f.expires_on <= current_date AS expired
       FROM follow_ups f JOIN students st ON st.id = f.student_id
       WHERE f.token_hash = $1 AND st.erased_at IS NULL ${lock ? 'FOR UPDATE OF f' : ''}`,
      [followUpTokenHash(token)],
    );
    return row;
  }

  private async view(db: EntityManager, studentId: string): Promise<FollowUpConsentView> {
    const [facts]: { asked: boolean; consented: boolean | null; answeredAt: Date | null }[] =
      await db.query(
        `SELECT EXISTS (
                  SELECT 1 FROM placements p JOIN slots s ON s.id = p.slot_id
                  WHERE p.student_id = $1 AND ${placementStatusIn(PLACED_STATUSES, 'p.status')}
                    AND s.ends_on < current_date) AS asked,
                c.consented, c.answered_at AS "answeredAt"
         FROM (SELECT 1) one LEFT JOIN follow_up_consents c ON c.student_id = $1`,
        [studentId],
      );
    const rows: (Omit<FollowUpAnswerView, 'organisation'> & {
      organisationId: string | null;
      organisationName: string | null;
    })[] = await db.query(
      `SELECT f.months::int AS months, f.due_on::text AS "dueOn", f.answered_at AS "answeredAt",
              f.situation, f.organisation_id AS "organisationId", o.name AS "organisationName",
              f.study_programme AS "studyProgramme", f.study_school AS "studySchool"
       FROM follow_ups f LEFT JOIN organisations o ON o.id = f.organisation_id
       WHERE f.student_id = $1 ORDER BY f.months`,
      [studentId],
    );
    return {
      ...facts,
      followUps: rows.map(({ organisationId, organisationName, ...row }) => ({
        ...row,
        organisation: organisationId ? { id: organisationId, name: organisationName! } : null,
      })),
    };
  }
}

function studentOf(caller: AuthUser): string {
  if (!caller.studentId) throw new ForbiddenError('only a student answers for themself');
  return caller.studentId;
}

function assertOpen(row: LinkRow | undefined): LinkRow {
  if (!row) throw new FollowUpLinkNotFoundError();
  if (row.answeredAt) throw new FollowUpLinkUsedError();
  if (row.expired) throw new FollowUpLinkExpiredError();
  return row;
}
