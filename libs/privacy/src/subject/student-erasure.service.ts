import { AuthUser, SessionRegistry, usersErasure } from '@app/accounts';
import { messagesErasure } from '@app/notifications';
import { eraseFollowUps, outcomesErasure } from '@app/pipeline';
import { placementsErasure } from '@app/placements';
import { jobIds, QueueName } from '@app/queues';
import { preferencesErasure } from '@app/rounds';
import { enrolmentChainSql, studentsErasure } from '@app/students';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { AccessActor, AccessLogService } from '@app/access-log';
import { DataSubject, findDataSubject } from './data-subject';

/**
 * GDPR art. 17. Deletes the account (and with it invitations, the student's own notifications
 * and outbox rows), other users' notifications and outbox rows about the student, and scrubs the
 * students row into a tombstone that keeps only the id, school, programme, languages and period:
 * round results, slot orders and placement counts stay reproducible and countable, but no longer
 * say who the student was. See docs/PRIVACY.md for the reasoning. Every write is made by the
 * table's owner (`<owner>Erasure` in each lib), inside the one transaction opened here.
 */
@Injectable()
export class StudentErasureService {
  private readonly logger = new Logger(StudentErasureService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly accessLog: AccessLogService,
    @InjectQueue(QueueName.Notifications) private readonly notifications: Queue,
    private readonly sessions: SessionRegistry,
  ) {}

  /** The student themself, their coordinator or an admin; 404 for anyone else or twice. */
  async erase(caller: AuthUser, studentId: string): Promise<void> {
    let userId: string | null = null;
    const outboxIds = await this.dataSource.transaction(async (db) => {
      const subject = await findDataSubject(db, caller, studentId, {
        coordinatorMay: true,
        lock: true,
      });
      userId = subject.userId;
      return this.eraseInTransaction(db, subject, caller, 'DELETE /api/students/:id');
    });
    // The account is gone: its sessions end here at once, elsewhere on the notification.
    if (userId) this.sessions.forget(userId);
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

  /**
   * Returns the ids of the outbox rows removed, whose delivery jobs must go too. Each step is
   * the owning lib's, run in this one transaction; the order matters: messages are found while
   * the guardian requests that address them still exist.
   */
  private async eraseInTransaction(
    db: EntityManager,
    subject: DataSubject,
    actor: AccessActor,
    purpose: string,
  ): Promise<string[]> {
    // The person's earlier enrolments (at schools they left) are erased with the current one.
    const enrolments: { id: string }[] = await db.query(
      `SELECT id FROM students WHERE id IN ${enrolmentChainSql('$1')} FOR UPDATE`,
      [subject.id],
    );
    const ids = enrolments.map((row) => row.id);
    const outboxIds: string[] = [];
    for (const id of ids) {
      outboxIds.push(
        ...(await messagesErasure.deleteAbout(db, { studentId: id, userId: subject.userId })),
      );
      await placementsErasure.withdrawOpenOffers(db, id);
      await placementsErasure.forgetGuardians(db, id);
      // Rounds not yet run forget the student altogether; rounds already run keep them.
      await preferencesErasure.leaveRoundsNotRun(db, id);
      await studentsErasure.tombstone(db, id);
      await outcomesErasure.forgetContests(db, id);
      await eraseFollowUps(db, id);
    }
    await usersErasure.deleteAccount(db, subject.userId);
    const fields = [
      'profile',
      'account',
      'invitations',
      'notifications',
      'guardians',
      'outcomeContests',
      'followUps',
      'enrolmentRequests',
    ];
    await this.accessLog.record(
      actor,
      { action: 'erase', purpose, entries: ids.map((studentId) => ({ studentId, fields })) },
      db,
    );
    this.logger.log({ msg: 'student erased', studentId: subject.id, outboxRows: outboxIds.length });
    return outboxIds;
  }
}
