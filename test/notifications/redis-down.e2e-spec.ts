import { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { SmtpSink } from '../../scripts/smtp-sink';
import { Factories } from '../support/factories';
import { startApi } from '../support/test-app';
import {
  aStudentUser,
  emit,
  eventually,
  isolateEnvironment,
  mailsTo,
  outboxRows,
  startSink,
  startWorker,
} from './notifications-harness';
import { describeOnRedis } from '../support/redis-only';

describeOnRedis('notifications while Redis is unavailable', () => {
  let restore: () => Promise<void>;
  let sink: SmtpSink;
  let worker: INestApplicationContext | undefined;

  beforeAll(async () => {
    restore = await isolateEnvironment();
    ({ sink } = await startSink());
  });

  afterAll(async () => {
    await worker?.close();
    await sink?.close();
    await restore?.();
  });

  it('keeps an event emitted during the outage and delivers it once Redis is back', async () => {
    const redisUrl = process.env.REDIS_URL;
    process.env.REDIS_URL = 'redis://127.0.0.1:1'; // nothing listens on port 1
    const api = await startApi();
    const student = await aStudentUser(new Factories(api));
    const placementId = randomUUID();
    const written = await emit(api, {
      event: 'intern.confirmed',
      recipientUserId: student.id,
      subjectId: placementId,
      payload: { placementId, slotTitle: 'Procesoperatør', organisationName: 'Novozymes' },
    });
    expect(written).toBe(2); // the transaction commits although Redis is down
    expect((await outboxRows(api, student.id)).map((row) => row.status)).toEqual([
      'pending',
      'pending',
    ]);
    await api.close();

    process.env.REDIS_URL = redisUrl;
    worker = await startWorker();
    const rows = await eventually(async () => {
      const current = await outboxRows(worker!, student.id);
      return current.every((row) => row.status === 'delivered') && current;
    });
    expect(rows).toHaveLength(2);
    const mails = await mailsTo(sink, student.email);
    expect(mails.map((mail) => mail.subject)).toEqual(['Din praktik hos Novozymes er bekræftet']);
  });
});
