import { PreferenceRemindersService } from '@app/notifications';
import { jobIds, JobName, QueueName } from '@app/queues';
import { getQueueToken } from '@nestjs/bullmq';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { SmtpSink } from '../../scripts/smtp-sink';
import { Factories } from '../support/factories';
import { startApi } from '../support/test-app';
import {
  eventually,
  isolateEnvironment,
  mailsTo,
  outboxRows,
  startSink,
  startWorker,
} from './notifications-harness';

const HOUR_MS = 3_600_000;

describe('reminders to rank slots before a round closes', () => {
  let restore: () => Promise<void>;
  let sink: SmtpSink;
  let api: INestApplication;
  let worker: INestApplicationContext;
  let make: Factories;

  beforeAll(async () => {
    restore = await isolateEnvironment();
    ({ sink } = await startSink());
    api = await startApi();
    worker = await startWorker();
    make = new Factories(api);
  }, 60_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await sink?.close();
    await restore?.();
  });

  /**
   * An open round (a follow-up round of `parentId` when given). One round is open at a time, so
   * the file's earlier open round is closed first, as an admin would before opening the next.
   */
  async function anOpenRound(closesAt: Date, parentId: string | null = null): Promise<string> {
    const db = api.get(DataSource);
    await db.query(`UPDATE rounds SET status = 'closed' WHERE status = 'open'`);
    const [round] = await db.query(
      `INSERT INTO rounds (name, status, preferences_open_at, preferences_close_at, seed, opened_at,
                           parent_round_id)
       VALUES ('Forår 2027', 'open', now() - interval '1 day', $1, 'seed', now(), $2) RETURNING id`,
      [closesAt, parentId],
    );
    return round.id;
  }

  it('reminds only students who have ranked nothing, 48 hours before the window closes', async () => {
    const school = await make.anOrganisation('school');
    const programme = await make.aProgramme(school.id);
    const idle = await make.aStudent(school, programme);
    const ranked = await make.aStudent(school, programme);
    const closesAt = new Date(Date.now() + 48 * HOUR_MS + 300);
    const roundId = await anOpenRound(closesAt);
    const slot = await make.aSlot(await make.anOrganisation('employer'));
    const db = api.get(DataSource);
    await db.query(`INSERT INTO round_slots (round_id, slot_id, seats) VALUES ($1, $2, 1)`, [
      roundId,
      slot.id,
    ]);
    await db.query(
      `INSERT INTO preferences (round_id, student_id, slot_id, rank) VALUES ($1, $2, $3, 1)`,
      [roundId, ranked.studentId, slot.id],
    );

    const reminders = api.get(PreferenceRemindersService);
    await expect(reminders.schedulePreferenceReminders(roundId, closesAt)).resolves.toEqual([
      48, 24,
    ]);

    const [mail] = await eventually(async () => {
      const mails = await mailsTo(sink, idle.email);
      return mails.length > 0 && mails;
    });
    expect(mail.subject).toBe('Husk din prioriteringsliste – 48 timer tilbage');
    expect(mail.text).toContain(`http://localhost:3000/rounds/${roundId}/preferences`);
    expect(await outboxRows(api, ranked.id)).toEqual([]);

    const queue = worker.get<Queue>(getQueueToken(QueueName.Notifications));
    const later = await queue.getJob(jobIds.preferencesReminder(roundId, 24));
    await expect(later?.getState()).resolves.toBe('delayed');

    // The same reminder run again writes nothing new.
    await expect(
      worker
        .get(PreferenceRemindersService)
        .remindStudentsWithoutPreferences({ roundId, hoursBefore: 48 }),
    ).resolves.toBe(0);
    expect(JobName.RemindPreferences).toBe(later?.name);
  });

  it('reminds no student with an open offer from an earlier round to rank a follow-up round', async () => {
    const school = await make.anOrganisation('school');
    const programme = await make.aProgramme(school.id);
    const offered = await make.aStudent(school, programme);
    const unplaced = await make.aStudent(school, programme);
    const slot = await make.aSlot(await make.anOrganisation('employer'));
    const db = api.get(DataSource);
    const [earlier] = await db.query(
      `INSERT INTO rounds (name, status, preferences_open_at, preferences_close_at, seed,
                           opened_at, matched_at, published_at)
       VALUES ('Efterår 2026', 'published', now() - interval '20 days', now() - interval '10 days',
               'seed', now() - interval '20 days', now() - interval '9 days', now() - interval '9 days')
       RETURNING id`,
    );
    await db.query(
      `INSERT INTO placements (round_id, student_id, slot_id, offered_at, deadline_at)
       VALUES ($1, $2, $3, now(), now() + interval '7 days')`,
      [earlier.id, offered.studentId, slot.id],
    );
    const followUp = await anOpenRound(new Date(Date.now() + 24 * HOUR_MS), earlier.id);

    await worker
      .get(PreferenceRemindersService)
      .remindStudentsWithoutPreferences({ roundId: followUp, hoursBefore: 24 });

    // The same definition refuses the student's ranking (PreferencesService): no reminder either.
    expect(await outboxRows(api, offered.id)).toEqual([]);
    expect((await outboxRows(api, unplaced.id)).length).toBeGreaterThan(0);
  });
});
