import { AuthUser } from '@app/accounts';
import { jobIds, QueueName } from '@app/queues';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { AccessActor, AccessLogService } from '../access-log/access-log.service';
import { DataSubject, findDataSubject } from './data-subject';

/** What the tombstone keeps in place of the name (the column may not be empty). */
export const ERASED_NAME = 'Slettet';

/** Rounds whose run has not happened: an erased student simply leaves them. */
const NOT_RUN = ['draft', 'open', 'closed'];

/**
 * GDPR art. 17. Deletes the account (and with it invitations, the student's own notifications
 * and outbox rows), other users' notifications and outbox rows about the student, and scrubs the
 * students row into a tombstone that keeps only the id, school, programme, languages and period:
 * round results, slot orders and placement counts stay reproducible and countable, but no longer
 * say who the student was. See docs/PRIVACY.md for the reasoning.
 */
@Injectable()
export class StudentErasureService {
  private readonly logger = new Logger(StudentErasureService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly accessLog: AccessLogService,
    @InjectQueue(QueueName.Notifications) private readonly notifications: Queue,
  ) {}

  /** The student themself, their coordinator or an admin; 404 for anyone else or twice. */
  async erase(caller: AuthUser, studentId: string): Promise<void> {
    const outboxIds = await this.dataSource.transaction(async (db) => {
      const subject = await findDataSubject(db, caller, studentId, {
        coordinatorMay: true,
        lock: true,
      });
      return this.eraseInTransaction(db, subject, caller, 'DELETE /api/students/:id');
    });
    await this.removeQueuedDeliveries(outboxIds);
  }

  /** The retention job's way in: no caller to authorise, the worker is the actor. */
  async eraseExpired(db: EntityManager, subject: DataSubject, actor: AccessActor, job: string) {
    return this.eraseInTransaction(db, subject, actor, job);
  }

  async removeQueuedDeliveries(outboxIds: readonly string[]): Promise<void> {
    // The rows are gone already, so a job left behind (Redis down now) finds nothing to send.
    try {
      await Promise.all(outboxIds.map((id) => this.notifications.remove(jobIds.notification(id))));
    } catch (error) {
      this.logger.warn({ msg: 'queued deliveries not removed', error: `${error}` });
    }
  }

  /** Returns the ids of the outbox rows removed, whose delivery jobs must go too. */
  private async eraseInTransaction(
    db: EntityManager,
    subject: DataSubject,
    actor: AccessActor,
    purpose: string,
  ): Promise<string[]> {
    const outboxIds = await this.deleteMessages(db, subject);
    await this.leaveOpenOffersAndRounds(db, subject.id);
    await db.query(
      `UPDATE students SET full_name = $2, birth_date = NULL, motivation = '', skills = '{}',
              interests = '{}', user_id = NULL, erased_at = now(), updated_at = now()
       WHERE id = $1`,
      [subject.id, ERASED_NAME],
    );
    await db.query(`DELETE FROM users WHERE id = $1`, [subject.userId]);
    const fields = ['profile', 'account', 'invitations', 'notifications'];
    await this.accessLog.record(
      actor,
      { action: 'erase', purpose, entries: [{ studentId: subject.id, fields }] },
      db,
    );
    this.logger.log({ msg: 'student erased', studentId: subject.id, outboxRows: outboxIds.length });
    return outboxIds;
  }

  /** Messages to the student and messages to others that name them (their rendered texts do). */
  private async deleteMessages(db: EntityManager, subject: DataSubject): Promise<string[]> {
    const rows: { id: string }[] = await db.query(
      `SELECT id FROM outbox WHERE recipient_user_id = $2 OR payload->>'studentId' = $1::text
       FOR UPDATE`,
      [subject.id, subject.userId],
    );
    const ids = rows.map((row) => row.id);
    await db.query(`DELETE FROM notifications WHERE user_id = $1 OR outbox_id = ANY($2::uuid[])`, [
      subject.userId,
      ids,
    ]);
    await db.query(`DELETE FROM outbox WHERE id = ANY($1::uuid[])`, [ids]);
    return ids;
  }

  /**
   * An open offer is withdrawn and an accepted one gives its seat back, so the host is not left
   * waiting for someone who is gone. Rounds not yet run forget the student altogether; rounds
   * already run keep their preferences, orders and assignments for reproducibility.
   */
  private async leaveOpenOffersAndRounds(db: EntityManager, studentId: string): Promise<void> {
    await db.query(
      `WITH offers AS (
         SELECT id, status FROM placements
         WHERE student_id = $1 AND status IN ('offered', 'accepted') FOR UPDATE
       ), released AS (
         UPDATE placements p SET status = 'withdrawn', answered_at = coalesce(p.answered_at, now())
         FROM offers WHERE p.id = offers.id
         RETURNING p.slot_id, offers.status AS was
       )
       UPDATE slots s SET seats_taken = s.seats_taken - 1
       FROM released r WHERE s.id = r.slot_id AND r.was = 'accepted'`,
      [studentId],
    );
    // The guardian is a person too; the moment of consent stays for the placement's check.
    await db.query(`UPDATE placements SET guardian_name = NULL WHERE student_id = $1`, [studentId]);
    await db.query(
      `DELETE FROM preferences p USING rounds r
       WHERE p.round_id = r.id AND p.student_id = $1 AND r.status = ANY($2::text[])`,
      [studentId, NOT_RUN],
    );
  }
}
