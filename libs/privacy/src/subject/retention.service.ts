import { PLACED_STATUSES, placementStatusIn } from '@app/database';
import { AppConfig } from '@app/config';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { WORKER } from '@app/access-log';
import { awaitsFollowUpsSql } from '@app/pipeline';
import { DataSubject } from './data-subject';
import { StudentErasureService } from './student-erasure.service';

/**
 * Storage limitation (GDPR art. 5(1)(e)): a student is kept while their internship may still
 * need follow-up, then erased. Expired means: the last accepted or confirmed placement ended
 * more than RETENTION_MONTHS ago, and the student has not signed in since that cut-off (a
 * student who still uses the service is still served), and they are not awaiting a follow-up they
 * consented to (the last one's link still works). `now` is a parameter so a test can stand in
 * the future.
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger(RetentionService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly erasure: StudentErasureService,
    private readonly config: AppConfig,
  ) {}

  /** Erases every expired student, each in a transaction of its own; returns how many. */
  async eraseExpired(now: Date, jobId: string): Promise<number> {
    const expired = await this.findExpired(now);
    const purpose = `job erase-expired-students ${jobId}`;
    let erased = 0;
    for (const candidate of expired) {
      const outboxIds = await this.dataSource.transaction(async (db) => {
        // Re-checked under the lock: a sign-in since the search keeps the student.
        const [subject]: DataSubject[] = await db.query(
          `SELECT s.id, s.user_id AS "userId", s.school_id AS "schoolId"
           FROM students s JOIN users u ON u.id = s.user_id
           WHERE s.id = $1 AND s.erased_at IS NULL
             AND (u.last_login_at IS NULL OR u.last_login_at < $2)
             AND NOT ${awaitsFollowUpsSql('s', '$3')}
           FOR UPDATE OF s`,
          [candidate, this.cutoff(now), now],
        );
        return subject ? this.erasure.eraseExpired(db, subject, WORKER, purpose) : null;
      });
      if (outboxIds === null) continue;
      await this.erasure.removeQueuedDeliveries(outboxIds);
      erased += 1;
    }
    this.logger.log({ msg: 'retention run', jobId, candidates: expired.length, erased });
    return erased;
  }

  private async findExpired(now: Date): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT s.id FROM students s
       JOIN users u ON u.id = s.user_id
       JOIN placements p ON p.student_id = s.id AND p.${placementStatusIn(PLACED_STATUSES)}
       JOIN slots sl ON sl.id = p.slot_id
       WHERE s.erased_at IS NULL AND (u.last_login_at IS NULL OR u.last_login_at < $1)
         AND NOT ${awaitsFollowUpsSql('s', '$2')}
       GROUP BY s.id
       HAVING max(sl.ends_on) < $1::date`,
      [this.cutoff(now), now],
    );
    return rows.map((row) => row.id);
  }

  private cutoff(now: Date): Date {
    const cutoff = new Date(now);
    cutoff.setUTCMonth(cutoff.getUTCMonth() - this.config.RETENTION_MONTHS);
    return cutoff;
  }
}
