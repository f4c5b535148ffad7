import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Factories } from '../support/factories';
import { as, eventually } from '../support/http';
import { startApi } from '../support/test-app';
import { startWorker } from '../support/test-worker';

type Client = ReturnType<typeof as>;

/**
 * At most one round is open at a time: opening a second is refused (409, naming the open one)
 * and changes nothing, two openings at once leave exactly one open, and the database refuses a
 * second open round whoever writes it. A follow-up round opens once its parent is published,
 * and like any other round not while another is open.
 */
describe('one open round at a time', () => {
  let app: INestApplication;
  let worker: INestApplicationContext;
  let make: Factories;
  let admin: Client;
  let db: DataSource;

  beforeAll(async () => {
    app = await startApi();
    worker = await startWorker();
    make = new Factories(app);
    db = app.get(DataSource);
    admin = as(app, (await make.aUser('admin')).token);
    // Something to rank, so that opening is refused for no other reason.
    await make.aSlot(await make.anOrganisation('employer'), { capacity: 3 });
  });

  afterAll(async () => {
    await worker.close();
    await app.close();
  });

  const draft = async (name: string) =>
    (
      await admin
        .post('/api/rounds', { name, preferencesCloseAt: new Date(Date.now() + 3600_000) })
        .expect(201)
    ).body.id as string;

  const openRounds = async () =>
    (
      await db.query<{ id: string }[]>(`SELECT id FROM rounds WHERE status = 'open' ORDER BY id`)
    ).map((row) => row.id);

  /** What opening leaves behind: the round's slots and its announcements. */
  const traces = async (roundId: string) => {
    const [{ slots }] = await db.query(
      `SELECT count(*)::int AS slots FROM round_slots WHERE round_id = $1`,
      [roundId],
    );
    const [{ told }] = await db.query(
      `SELECT count(*)::int AS told FROM outbox
        WHERE event IN ('round.opened', 'followup.opened') AND payload->>'roundId' = $1`,
      [roundId],
    );
    return { slots, told };
  };

  it('refuses to open a second round, names the open one and changes nothing', async () => {
    const first = await draft(`First ${Date.now()}`);
    await admin.post(`/api/rounds/${first}/open`).expect(200);
    const firstName = (await admin.get(`/api/rounds/${first}`).expect(200)).body.name;
    const second = await draft(`Second ${Date.now()}`);
    // The admin's dialog learns it before asking.
    const preview = await admin.get(`/api/rounds/${second}/opening-preview`).expect(200);
    expect(preview.body.openRound).toEqual({ id: first, name: firstName });

    const refused = await admin.post(`/api/rounds/${second}/open`).expect(409);
    expect(refused.body).toMatchObject({
      code: 'round.another_open',
      params: { name: firstName },
      details: { roundId: first },
    });
    expect((await admin.get(`/api/rounds/${second}`).expect(200)).body.status).toBe('draft');
    expect(await traces(second)).toEqual({ slots: 0, told: 0 });
    expect(await openRounds()).toEqual([first]);

    // Once the first has closed, the second opens.
    await admin.post(`/api/rounds/${first}/close`).expect(200);
    const after = await admin.get(`/api/rounds/${second}/opening-preview`).expect(200);
    expect(after.body.openRound).toBeNull();
    await admin.post(`/api/rounds/${second}/open`).expect(200);
    expect(await openRounds()).toEqual([second]);
    await admin.post(`/api/rounds/${second}/close`).expect(200);
  });

  it('lets exactly one of two concurrent openings win', async () => {
    const rounds = [await draft(`Racer A ${Date.now()}`), await draft(`Racer B ${Date.now()}`)];
    const answers = await Promise.all(rounds.map((id) => admin.post(`/api/rounds/${id}/open`)));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    const winner = rounds[answers.findIndex((answer) => answer.status === 200)];
    const loser = rounds[answers.findIndex((answer) => answer.status === 409)];
    expect(answers.find((answer) => answer.status === 409)?.body.code).toBe('round.another_open');
    expect(await openRounds()).toEqual([winner]);
    expect((await admin.get(`/api/rounds/${loser}`).expect(200)).body.status).toBe('draft');
    expect(await traces(loser)).toEqual({ slots: 0, told: 0 });
    expect((await traces(winner)).slots).toBeGreaterThan(0);
    await admin.post(`/api/rounds/${winner}/close`).expect(200);
  });

  it('holds the rule in the database, for any writer', async () => {
    const [a, b] = [await draft(`Direct A ${Date.now()}`), await draft(`Direct B ${Date.now()}`)];
    await db.query(`UPDATE rounds SET status = 'open' WHERE id = $1`, [a]);
    await expect(
      db.query(`UPDATE rounds SET status = 'open' WHERE id = $1`, [b]),
    ).rejects.toMatchObject({ driverError: { code: '23505', constraint: 'rounds_one_open' } });
    await db.query(`UPDATE rounds SET status = 'closed' WHERE id = $1`, [a]);
  });

  it('opens a follow-up round once its parent is published, and not beside another open round', async () => {
    const school = await make.anOrganisation('school');
    const programme = await make.aProgramme(school.id);
    const student = await make.aStudent(school, programme);
    const slot = await make.aSlot(await make.anOrganisation('employer'));
    const parent = await draft(`Parent ${Date.now()}`);
    await admin.post(`/api/rounds/${parent}/open`).expect(200);
    // A round that is open has no follow-up round yet: only a published one is followed up.
    await admin.post(`/api/rounds/${parent}/follow-up`).expect(409);
    await as(app, student.token)
      .put(`/api/rounds/${parent}/preferences`, { slotIds: [slot.id] })
      .expect(200);
    await admin.post(`/api/rounds/${parent}/close`).expect(200);
    await admin.post(`/api/rounds/${parent}/run`).expect(202);
    await eventually(async () => {
      const round = await admin.get(`/api/rounds/${parent}`).expect(200);
      return round.body.status === 'matched' ? true : undefined;
    }, 60_000);
    await admin.post(`/api/rounds/${parent}/publish`).expect(200);

    const followUp = (await admin.post(`/api/rounds/${parent}/follow-up`).expect(201)).body
      .id as string;
    const other = await draft(`Unrelated ${Date.now()}`);
    await admin.post(`/api/rounds/${other}/open`).expect(200);
    const refused = await admin.post(`/api/rounds/${followUp}/open`).expect(409);
    expect(refused.body).toMatchObject({ code: 'round.another_open', details: { roundId: other } });
    expect(await traces(followUp)).toEqual({ slots: 0, told: 0 });

    await admin.post(`/api/rounds/${other}/close`).expect(200);
    await admin.post(`/api/rounds/${followUp}/open`).expect(200);
    expect(await openRounds()).toEqual([followUp]);
  }, 120_000);
});
