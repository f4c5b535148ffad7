import { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { SmtpSink, startSmtpSink } from '../../scripts/smtp-sink';
import { ApiProcesses } from '../reliability/harness/api-processes';
import { usePrivateDatabase } from '../reliability/harness/private-database';
import { WorkerPool } from '../reliability/harness/worker-pool';
import { Factories } from '../support/factories';
import { eventually } from '../support/http';
import { startApi } from '../support/test-app';

/** The fields of the answers this test reads. */
interface Answer {
  id: string;
  status: string;
  items: { id: string; studentId: string }[];
}

type Caller = (
  method: string,
  path: string,
  body?: object,
) => Promise<{ status: number; body: Answer }>;

/** Calls alternate between the api processes, so each step may land on either. */
function alternating(bases: string[], token: string): Caller {
  let next = 0;
  return async (method, path, body) => {
    const base = bases[next++ % bases.length];
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as Answer };
  };
}

describe('two apis and two workers side by side', () => {
  const saved = { ...process.env };
  let dropDatabase: (() => Promise<void>) | undefined;
  let sink: SmtpSink | undefined;
  let local: INestApplication | undefined;
  let apis: ApiProcesses | undefined;
  let workers: WorkerPool | undefined;

  beforeAll(async () => {
    dropDatabase = await usePrivateDatabase('sbs');
    sink = await startSmtpSink();
    const env = {
      DATABASE_URL: process.env.DATABASE_URL!,
      REDIS_PREFIX: `${saved.REDIS_PREFIX}-sbs-${randomBytes(3).toString('hex')}`,
      SMTP_HOST: sink.host,
      SMTP_PORT: String(sink.port),
      LOG_LEVEL: 'info',
    };
    Object.assign(process.env, { ...env, LOG_LEVEL: saved.LOG_LEVEL });
    local = await startApi(); // for factories and tokens only
    workers = new WorkerPool(env);
    [apis] = await Promise.all([ApiProcesses.start(2, env), workers.start(2)]);
  }, 180_000);

  afterAll(async () => {
    await apis?.stop();
    await workers?.stopAll();
    await local?.close();
    await sink?.close();
    process.env = saved;
    await dropDatabase?.();
  }, 60_000);

  it('runs a round through both, once, and sends each notification once', async () => {
    const make = new Factories(local!);
    const school = await make.anOrganisation('school');
    const programme = await make.aProgramme(school.id);
    const host = await make.anOrganisation('employer');
    const slots = [
      await make.aSlot(host, { capacity: 2 }),
      await make.aSlot(host, { capacity: 1 }),
    ];
    const students = [];
    for (let i = 0; i < 4; i++) students.push(await make.aStudent(school, programme));
    const admin = alternating(apis!.bases, (await make.aUser('admin')).token);
    const reviewer = alternating(apis!.bases, (await make.aUser('reviewer', host)).token);

    const round = await admin('POST', '/api/rounds', {
      name: 'Side by side',
      preferencesCloseAt: new Date(Date.now() + 3600_000),
    });
    expect(round.status).toBe(201);
    const id: string = round.body.id;
    expect((await admin('POST', `/api/rounds/${id}/open`)).status).toBe(200);
    for (const [i, student] of students.entries()) {
      const ranked = i % 2 === 0 ? [slots[0].id, slots[1].id] : [slots[1].id, slots[0].id];
      const answer = await alternating(apis!.bases, student.token)(
        'PUT',
        `/api/rounds/${id}/preferences`,
        {
          slotIds: ranked,
        },
      );
      expect(answer.status).toBe(200);
    }
    const applicants = await reviewer('GET', `/api/rounds/${id}/slots/${slots[0].id}/applicants`);
    expect(applicants.body.items).toHaveLength(4);
    const ranking = applicants.body.items.map((a) => a.studentId).reverse();
    expect(
      (
        await reviewer('PUT', `/api/rounds/${id}/slots/${slots[0].id}/ranking`, {
          studentIds: ranking,
        })
      ).status,
    ).toBe(200);
    expect((await admin('POST', `/api/rounds/${id}/close`)).status).toBe(200);
    const runs = await Promise.all([
      admin('POST', `/api/rounds/${id}/run`),
      admin('POST', `/api/rounds/${id}/run`),
    ]);
    expect(runs.map((r) => r.status)).toEqual([202, 202]);
    await eventually(
      async () =>
        (await admin('GET', `/api/rounds/${id}`)).body.status === 'matched' ? true : undefined,
      60_000,
      200,
    );
    expect((await admin('POST', `/api/rounds/${id}/publish`)).status).toBe(200);

    for (const student of students) {
      const call = alternating(apis!.bases, student.token);
      const offers = (await call('GET', `/api/placements?roundId=${id}`)).body.items;
      for (const offer of offers)
        expect((await call('POST', `/api/placements/${offer.id}/accept`)).status).toBe(200);
    }

    const db = local!.get(DataSource);
    const [{ runCount }] = await db.query(
      `SELECT count(*)::int AS "runCount" FROM round_runs WHERE round_id = $1`,
      [id],
    );
    expect(runCount).toBe(1);
    expect(workers!.lines(new RegExp(`"round run matched".*${id}`))).toHaveLength(1);
    await expectEachNotificationOnce(db, sink!);
  }, 180_000);
});

async function expectEachNotificationOnce(db: DataSource, sink: SmtpSink) {
  const rows: { id: string; channel: string }[] = await eventually(
    async () => {
      const current: { id: string; channel: string; status: string }[] = await db.query(
        `SELECT id, channel, status FROM outbox`,
      );
      return current.every((row) => row.status === 'delivered') ? current : undefined;
    },
    60_000,
    250,
  );
  await new Promise((resolve) => setTimeout(resolve, 2000)); // a duplicate would arrive now
  const [{ inApp, distinct }] = await db.query(
    `SELECT count(*)::int AS "inApp", count(DISTINCT outbox_id)::int AS distinct FROM notifications`,
  );
  expect(inApp).toBe(rows.filter((row) => row.channel === 'in_app').length);
  expect(distinct).toBe(inApp);
  expect(sink.messages).toHaveLength(rows.filter((row) => row.channel === 'email').length);
  process.stdout.write(`side by side: ${rows.length} outbox rows, each delivered once\n`);
}
