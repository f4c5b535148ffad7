import { PLACED_STATUSES, placementStatusIn } from '@app/database';
import { NotificationInput, NotificationsService } from '@app/notifications';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** A period that ended longer ago than this is not chased: the host cannot be expected to recall it. */
export const OUTCOME_REMINDER_WINDOW_DAYS = 90;

interface DuePlacement {
  placementId: string;
  slotTitle: string;
  organisationName: string;
  studentId: string;
  endsOn: string;
  reviewerIds: string[];
}

/**
 * Asks the host's reviewers for the outcome of placements whose period has ended. Run daily by
 * the worker; what is due is found in the database, so a lost queue or a missed day loses
 * nothing, and outcome_reminders remembers each placement asked about, so a second run the same
 * day (or any later day) asks again about none.
 */
@Injectable()
export class OutcomeRemindersService {
  private readonly logger = new Logger('OutcomeReminders');

  constructor(
    private readonly db: DataSource,
    private readonly notifications: NotificationsService,
  ) {}

  /** Returns how many placements were asked about. */
  async remindMissingOutcomes(): Promise<number> {
    // One transaction: a placement is remembered as asked about exactly when its messages exist.
    const placements = await this.db.transaction(async (db) => {
      const due = await db.query<DuePlacement[]>(
        `WITH due AS (
           INSERT INTO outcome_reminders (placement_id)
           SELECT p.id FROM placements p
           JOIN slots s ON s.id = p.slot_id JOIN students st ON st.id = p.student_id
           WHERE ${placementStatusIn(PLACED_STATUSES, 'p.status')} AND st.erased_at IS NULL
             AND s.ends_on < current_date AND s.ends_on >= current_date - $1::int
             AND NOT EXISTS (SELECT 1 FROM placement_outcomes o WHERE o.placement_id = p.id)
           ON CONFLICT (placement_id) DO NOTHING
           RETURNING placement_id
         )
         SELECT p.id AS "placementId", s.title AS "slotTitle", o.name AS "organisationName",
                p.student_id AS "studentId", s.ends_on::text AS "endsOn",
                array_remove(array_agg(u.id), NULL) AS "reviewerIds"
         FROM due d JOIN placements p ON p.id = d.placement_id
         JOIN slots s ON s.id = p.slot_id JOIN organisations o ON o.id = s.organisation_id
         LEFT JOIN users u ON u.role = 'reviewer' AND u.organisation_id = s.organisation_id
                          AND u.deactivated_at IS NULL
         GROUP BY p.id, s.title, o.name, s.ends_on`,
        [OUTCOME_REMINDER_WINDOW_DAYS],
      );
      await this.notifications.emitAll(db, due.flatMap(toReminders));
      return due.length;
    });
    this.logger.log({ msg: 'outcome reminders written', placements });
    return placements;
  }
}

function toReminders(due: DuePlacement): NotificationInput[] {
  const { reviewerIds, ...payload } = due;
  return reviewerIds.map((recipientUserId) => ({
    event: 'outcome.reminder',
    recipientUserId,
    subjectId: due.placementId,
    payload,
  }));
}
