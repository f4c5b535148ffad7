import { ACTIVE_PLACEMENT_STATUSES, placementStatusIn } from '@app/database';
import { JobName, jobIds, QueueName } from '@app/queues';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { emailTopicOf, emailTurnedOff, NOTIFICATION_EVENTS } from './notification-events';
import { messageClaims } from './message-claims';
import { OutboxRelayTrigger } from './relay/outbox-relay-trigger';

/** Hours before the preference window closes at which students who have not ranked are reminded. */
export const PREFERENCE_REMINDER_HOURS = [48, 24] as const;

export interface RemindPreferencesJob {
  roundId: string;
  hoursBefore: number;
}

const HOUR_MS = 3_600_000;

/** What a coordinator's bulk message did: sent to some, left out others who had one lately. */
export interface BulkSent {
  sent: number;
  skipped: number;
}

/**
 * A student reminded to rank in a round (by the schedule or by their coordinator) is not
 * reminded again by their coordinator within this many hours: pressing twice mails once.
 */
export const COORDINATOR_REMINDER_QUIET_HOURS = 24;

/**
 * SQL: the students (`s`) of the round `r` who are reminded to rank: not erased, nothing ranked
 * in the round, and no active placement (an open offer included: such a student may not rank).
 * The one definition for the scheduled reminders and the coordinator's.
 */
const NOT_RANKED_SQL = `s.erased_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM preferences p WHERE p.round_id = r.id AND p.student_id = s.id)
  AND NOT EXISTS (SELECT 1 FROM placements pl
                   WHERE pl.student_id = s.id AND pl.${placementStatusIn(ACTIVE_PLACEMENT_STATUSES)})`;

/**
 * Reminders to rank slots before a round's preference window closes: two delayed jobs per round,
 * never a loop over users. The job writes the reminders with one INSERT ... SELECT.
 */
@Injectable()
export class PreferenceRemindersService {
  private readonly logger = new Logger('PreferenceReminders');

  constructor(
    private readonly dataSource: DataSource,
    private readonly trigger: OutboxRelayTrigger,
    @InjectQueue(QueueName.Notifications) private readonly notifications: Queue,
  ) {}

  /**
   * Schedules the 48- and 24-hour reminders of a round that has just opened; a reminder whose
   * time has passed is skipped. Safe to call again: the job ids are fixed per round and hour.
   */
  async schedulePreferenceReminders(roundId: string, closesAt: Date, now = new Date()) {
    const jobs = PREFERENCE_REMINDER_HOURS.map((hoursBefore) => ({
      hoursBefore,
      delay: closesAt.getTime() - hoursBefore * HOUR_MS - now.getTime(),
    })).filter((job) => job.delay > 0);
    await this.notifications.addBulk(
      jobs.map(({ hoursBefore, delay }) => ({
        name: JobName.RemindPreferences,
        data: { roundId, hoursBefore } satisfies RemindPreferencesJob,
        opts: {
          jobId: jobIds.preferencesReminder(roundId, hoursBefore),
          delay,
          attempts: 5,
          backoff: { type: 'exponential', delay: 10_000 },
          removeOnComplete: { age: 7 * 86_400 },
          removeOnFail: { age: 7 * 86_400 },
        },
      })),
    );
    return jobs.map((job) => job.hoursBefore);
  }

  /**
   * Writes a reminder for every student who has ranked nothing in the round and has no active
   * placement (an open offer included: such a student may not rank), if the round is still open. Returns the outbox rows written; a
   * second run for the same round and hour writes none.
   */
  async remindStudentsWithoutPreferences(job: RemindPreferencesJob): Promise<number> {
    const channels = NOTIFICATION_EVENTS['preferences.reminder'].channels;
    const [{ written }]: { written: number }[] = await this.dataSource.query(
      `WITH round AS (
         SELECT id, name, preferences_close_at FROM rounds
         WHERE id = $1 AND status = 'open' AND preferences_close_at > now()
       ), recipients AS (
         SELECT s.user_id FROM students s, round r
         WHERE ${NOT_RANKED_SQL}
       ), written AS (
         INSERT INTO outbox (event, recipient_user_id, channel, payload, dedupe_key)
         SELECT 'preferences.reminder', rc.user_id, ch.channel,
                jsonb_build_object('roundId', r.id, 'roundName', r.name,
                                   'closesAt', r.preferences_close_at, 'hoursLeft', $2::int),
                concat_ws(':', 'preferences.reminder', r.id || '-' || $2, rc.user_id, ch.channel)
         FROM recipients rc CROSS JOIN round r CROSS JOIN unnest($3::text[]) AS ch(channel)
         -- An e-mail the student has turned off is not recorded; the in-app message still is.
         WHERE NOT (ch.channel = 'email'
                    AND ${emailTurnedOff('rc.user_id', `'${emailTopicOf('preferences.reminder')}'`)})
         ON CONFLICT (dedupe_key) DO NOTHING
         RETURNING 1
       )
       SELECT count(*)::int AS written FROM written`,
      [job.roundId, job.hoursBefore, channels],
    );
    this.logger.log({ msg: 'preference reminders written', ...job, rows: written });
    if (written > 0) await this.trigger.requestRelay();
    return written;
  }

  /**
   * A coordinator's reminder to the students of their school who have not ranked in the round,
   * if its window is open, in one transaction; returns how many were reminded and how many
   * were left out because they had a reminder in the last COORDINATOR_REMINDER_QUIET_HOURS (by
   * the schedule, or by a coordinator: message_claims, claimed by one conditional upsert, so
   * two presses at once, from any api process, remind each student once).
   */
  async remindSchool(roundId: string, schoolId: string): Promise<BulkSent> {
    const channels = NOTIFICATION_EVENTS['preferences.reminder'].channels;
    const result = await this.dataSource.transaction(async (manager) => {
      const candidates: { studentId: string; scheduled: boolean }[] = await manager.query(
        `SELECT s.id AS "studentId",
                EXISTS (SELECT 1 FROM outbox o
                         WHERE o.recipient_user_id = s.user_id AND o.event = 'preferences.reminder'
                           AND o.payload->>'roundId' = r.id::text
                           AND o.created_at > now() - make_interval(hours => $3)) AS scheduled
           FROM students s,
                (SELECT id FROM rounds
                  WHERE id = $1 AND status = 'open' AND preferences_close_at > now()) r
          WHERE s.school_id = $2 AND s.user_id IS NOT NULL AND ${NOT_RANKED_SQL}`,
        [roundId, schoolId, COORDINATOR_REMINDER_QUIET_HOURS],
      );
      const claimed = await messageClaims.claim(
        manager,
        'preferences.reminder',
        candidates.filter((c) => !c.scheduled).map((c) => c.studentId),
        roundId,
        COORDINATOR_REMINDER_QUIET_HOURS * 60,
      );
      const [{ students }]: { students: number }[] = await manager.query(
        `WITH written AS (
           INSERT INTO outbox (event, recipient_user_id, channel, payload, dedupe_key)
           SELECT 'preferences.reminder', s.user_id, ch.channel,
                  jsonb_build_object('roundId', r.id, 'roundName', r.name,
                                     'closesAt', r.preferences_close_at,
                                     'hoursLeft', greatest(1, ceil(extract(epoch FROM r.preferences_close_at - now()) / 3600))::int),
                  concat_ws(':', 'preferences.reminder',
                            r.id || '-school-' || (extract(epoch FROM now()) * 1000)::bigint,
                            s.user_id, ch.channel)
             FROM students s CROSS JOIN rounds r CROSS JOIN unnest($3::text[]) AS ch(channel)
            WHERE s.id = ANY($2::uuid[]) AND r.id = $1
           ON CONFLICT (dedupe_key) DO NOTHING
           RETURNING recipient_user_id
         )
         SELECT count(DISTINCT recipient_user_id)::int AS students FROM written`,
        [roundId, claimed, channels],
      );
      if (students > 0) this.trigger.relayAfterCommit(manager);
      return { sent: students, skipped: candidates.length - students };
    });
    this.logger.log({ msg: 'coordinator reminders written', roundId, schoolId, ...result });
    return result;
  }
}
