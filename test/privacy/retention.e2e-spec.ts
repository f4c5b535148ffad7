import { RetentionService } from '@app/privacy';
import { QueueName } from '@app/queues';
import { getQueueToken } from '@nestjs/bullmq';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { isolateEnvironment } from '../notifications/notifications-harness';
import { Factories } from '../support/factories';
import { startApi } from '../support/test-app';
import { startWorker } from '../support/test-worker';

describe('retention', () => {
  let restore: () => Promise<void>;
  let app: INestApplication;
  let make: Factories;
  let db: DataSource;

  beforeAll(async () => {
    // A database of its own: a run "in 2028" would otherwise erase other test files' students.
    restore = await isolateEnvironment();
    app = await startApi();
    make = new Factories(app);
    db = app.get(DataSource);
  });

  afterAll(async () => {
    await app.close();
    await restore();
  });

  /** A student with a confirmed placement in a slot that ends on `endsOn`. */
  async function aPlacedStudent(endsOn: string, lastLoginAt: string | null = null) {
    const school = await make.anOrganisation('school');
    const programme = await make.aProgramme(school.id);
    const host = await make.anOrganisation('employer');
    const slot = await make.aSlot(host, { startsOn: '2027-02-01', endsOn });
    const student = await make.aStudent(school, programme);
    await db.query(`UPDATE users SET last_login_at = $2 WHERE id = $1`, [student.id, lastLoginAt]);
    const [round] = await db.query(
      `INSERT INTO rounds (name, status, preferences_open_at, preferences_close_at, seed)
       VALUES ('Retention', 'published', now() - interval '2 days', now() - interval '1 day', 'seed')
       RETURNING id`,
    );
    await db.query(
      `INSERT INTO placements (round_id, student_id, slot_id, status, offered_at, deadline_at,
                               answered_at, confirmed_at)
       VALUES ($1, $2, $3, 'confirmed', now(), now() + interval '7 days', now(), now())`,
      [round.id, student.studentId, slot.id],
    );
    return student;
  }

  const isErased = async (studentId: string | null) =>
    (
      await db.query(`SELECT erased_at IS NOT NULL AS erased FROM students WHERE id = $1`, [
        studentId,
      ])
    )[0].erased as boolean;

  it('erases students whose last placement ended over 12 months ago and who have not signed in since', async () => {
    const expired = await aPlacedStudent('2027-04-30');
    const stillSigningIn = await aPlacedStudent('2027-04-30', '2028-03-01T10:00:00Z');
    const recent = await aPlacedStudent('2027-12-31');
    const retention = app.get(RetentionService);

    // Today nobody has expired; a year and a bit after the placements, the first student has.
    await retention.eraseExpired(new Date(), 'test-now');
    expect(await isErased(expired.studentId)).toBe(false);
    const erased = await retention.eraseExpired(new Date('2028-06-01T00:00:00Z'), 'test-future');
    expect(erased).toBeGreaterThanOrEqual(1);
    expect(await isErased(expired.studentId)).toBe(true);
    expect(await isErased(stillSigningIn.studentId)).toBe(false);
    expect(await isErased(recent.studentId)).toBe(false);
    const [entry] = await db.query(
      `SELECT actor_id, actor_role, purpose FROM access_log WHERE student_ids @> ARRAY[$1::uuid] AND action = 'erase'`,
      [expired.studentId],
    );
    expect(entry).toEqual({
      actor_id: null,
      actor_role: 'worker',
      purpose: 'job erase-expired-students test-future',
    });
  });

  it('keeps a student who consented to follow-ups until the last one has had its time', async () => {
    const consenting = await aPlacedStudent('2027-04-30');
    const declining = await aPlacedStudent('2027-04-30');
    await db.query(
      `UPDATE students SET expected_completion_year = 2027, expected_completion_month = 6
        WHERE id = ANY($1::uuid[])`,
      [[consenting.studentId, declining.studentId]],
    );
    await db.query(
      `INSERT INTO follow_up_consents (student_id, consented) VALUES ($1, true), ($2, false)`,
      [consenting.studentId, declining.studentId],
    );
    const retention = app.get(RetentionService);

    // Completed 30 June 2027: the 24-month follow-up falls due 30 June 2029, its link works 90 days.
    await retention.eraseExpired(new Date('2028-06-01T00:00:00Z'), 'test-2028');
    expect(await isErased(declining.studentId)).toBe(true);
    expect(await isErased(consenting.studentId)).toBe(false);
    await retention.eraseExpired(new Date('2029-09-28T00:00:00Z'), 'test-2029-link-open');
    expect(await isErased(consenting.studentId)).toBe(false);
    await retention.eraseExpired(new Date('2029-09-29T00:00:00Z'), 'test-2029-link-spent');
    expect(await isErased(consenting.studentId)).toBe(true);
  });

  it('is scheduled daily by the worker', async () => {
    const worker: INestApplicationContext = await startWorker();
    try {
      const queue = worker.get<Queue>(getQueueToken(QueueName.Privacy));
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers).toContainEqual(
        expect.objectContaining({ key: 'erase-expired-students', pattern: '0 3 * * *' }),
      );
    } finally {
      await worker.close();
    }
  });
});
