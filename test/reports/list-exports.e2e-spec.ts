import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Factories } from '../support/factories';
import { binary, csvRows, sheetRows, XLSX } from '../support/files';
import { as } from '../support/http';
import { startApi } from '../support/test-app';

/**
 * Every list a screen shows can be downloaded as CSV and xlsx from the screen's own route, with
 * the screen's scope, filters and access-log rows: the file's rows are the JSON's rows.
 */
describe('the lists of every screen as CSV and Excel files', () => {
  let app: INestApplication;
  let make: Factories;
  let db: DataSource;

  beforeAll(async () => {
    app = await startApi();
    make = new Factories(app);
    db = app.get(DataSource);
  });

  afterAll(() => app.close());

  /** The access-log rows an actor wrote for a purpose: the students each row names. */
  async function logged(actorId: string, purpose: string): Promise<string[][]> {
    const rows: { student_ids: string[] }[] = await db.query(
      `SELECT student_ids FROM access_log WHERE actor_id = $1 AND purpose = $2 ORDER BY at`,
      [actorId, purpose],
    );
    return rows.map((row) => [...row.student_ids].sort());
  }

  async function xlsxOf(token: string, url: string) {
    const file = await as(app, token)
      .get(url)
      .buffer(true)
      .parse(binary)
      .expect(200)
      .expect('Content-Type', XLSX);
    return sheetRows(file.body as Buffer);
  }

  it("gives a slot's applicants in the screen's order, logged like the screen", async () => {
    const school = await make.anOrganisation('school');
    const programme = await make.aProgramme(school.id, 'Laborant');
    const host = await make.anOrganisation('employer');
    const slot = await make.aSlot(host, { capacity: 2 });
    const round = await make.anOpenRound([{ id: slot.id, seats: 2 }]);
    const students = [
      await make.aStudent(school, programme, { fullName: 'Bo Ansøger', skills: ['pcr'] }),
      await make.aStudent(school, programme, { fullName: '=Asta Ansøger' }),
    ];
    for (const student of students) {
      await db.query(
        `INSERT INTO preferences (round_id, student_id, slot_id, rank) VALUES ($1, $2, $3, 1)`,
        [round.id, student.studentId, slot.id],
      );
    }
    const reviewer = await make.aUser('reviewer', host);
    const url = `/api/rounds/${round.id}/slots/${slot.id}/applicants`;
    const { body } = await as(app, reviewer.token).get(url).expect(200);
    const csv = await as(app, reviewer.token)
      .get(`${url}?format=csv`)
      .expect(200)
      .expect('Content-Type', /text\/csv/);
    const [header, ...rows] = csvRows(csv.text);
    expect(header.slice(0, 4)).toEqual(['position', 'fullName', 'school', 'programme']);
    type Item = { fullName: string; position: number };
    expect(rows.map((row) => [Number(row[0]), row[1]])).toEqual(
      (body.items as Item[]).map((a) => [a.position, a.fullName.replace(/^=/, "'=")]),
    );
    const sheet = await xlsxOf(reviewer.token, `${url}?format=xlsx`);
    expect(sheet.slice(1).map((row) => row[1])).toEqual(
      (body.items as Item[]).map((a) => a.fullName),
    );
    // The screen's read, the CSV and the xlsx: one row each, naming both applicants; a
    // download's row names its format.
    const ids = students.map((s) => s.studentId!).sort();
    const route = 'GET /api/rounds/:id/slots/:slotId/applicants';
    for (const purpose of [route, `${route}?format=csv`, `${route}?format=xlsx`]) {
      expect(await logged(reviewer.id, purpose)).toEqual([ids]);
    }

    const coordinator = await make.aUser('coordinator', school);
    await as(app, coordinator.token).get(`${url}?format=csv`).expect(403);
    await as(app, reviewer.token).get(`${url}?format=pdf`).expect(400);
  });

  it("gives a host's interns and their outcomes as the screens list them, round by round", async () => {
    const school = await make.anOrganisation('school');
    const programme = await make.aProgramme(school.id);
    const host = await make.anOrganisation('employer');
    const slot = await make.aSlot(host, {
      title: 'Fermentering – forår',
      capacity: 2,
      startsOn: '2025-01-06',
      endsOn: '2025-03-28',
    });
    const asta = await make.aStudent(school, programme, { fullName: 'Asta Praktikant' });
    const bo = await make.aStudent(school, programme, { fullName: 'Bo Praktikant' });
    const first = await make.aPlacement(asta.studentId!, slot.id, 'confirmed');
    await make.aPlacement(bo.studentId!, slot.id, 'confirmed');
    await db.query(
      `INSERT INTO placement_outcomes (placement_id, student_id, completed, job_offer)
       VALUES ($1, $2, true, 'offered')`,
      [first.id, asta.studentId],
    );
    const reviewer = await make.aUser('reviewer', host);

    const inRound = `/api/placements?roundId=${first.roundId}`;
    const { body } = await as(app, reviewer.token).get(inRound).expect(200);
    expect(body.items).toHaveLength(1);
    const sheet = await xlsxOf(reviewer.token, `${inRound}&format=xlsx`);
    expect(sheet[0].slice(0, 4)).toEqual(['student', 'email', 'slot', 'organisation']);
    expect(sheet.slice(1).map((row) => row.slice(0, 3))).toEqual([
      [body.items[0].student.fullName, body.items[0].student.email, 'Fermentering – forår'],
    ]);
    const all = await as(app, reviewer.token).get('/api/placements?format=csv').expect(200);
    expect(
      csvRows(all.text)
        .slice(1)
        .map((row) => row[0]),
    ).toEqual([expect.stringMatching(/Praktikant$/), expect.stringMatching(/Praktikant$/)]);
    expect(await logged(reviewer.id, 'GET /api/placements')).toEqual([[asta.studentId]]);
    expect(await logged(reviewer.id, 'GET /api/placements?format=xlsx')).toEqual([
      [asta.studentId],
    ]);
    expect(await logged(reviewer.id, 'GET /api/placements?format=csv')).toEqual([
      [asta.studentId, bo.studentId].sort(),
    ]);

    const outcomes = await as(app, reviewer.token).get('/api/outcomes?pageSize=100').expect(200);
    const csv = await as(app, reviewer.token).get('/api/outcomes?format=csv').expect(200);
    const [header, ...rows] = csvRows(csv.text);
    expect(header).toEqual([
      'student',
      'school',
      'host',
      'slot',
      'endsOn',
      'completed',
      'jobOffer',
      'recordedAt',
      'contest',
      'contestedAt',
    ]);
    type Outcome = { student: { fullName: string }; outcome: { jobOffer: string } | null };
    expect(rows.map((row) => [row[0], row[6]])).toEqual(
      (outcomes.body.items as Outcome[]).map((o) => [
        o.student.fullName,
        o.outcome?.jobOffer ?? '',
      ]),
    );
    expect(rows.find((row) => row[0] === 'Asta Praktikant')?.slice(4, 7)).toEqual([
      '2025-03-28',
      'yes',
      'offered',
    ]);
    expect((await logged(reviewer.id, 'GET /api/outcomes?format=csv')).at(-1)).toEqual(
      [asta.studentId, bo.studentId].sort(),
    );

    // Another host's reviewer gets the header and none of these rows.
    const stranger = await make.aUser('reviewer', await make.anOrganisation('employer'));
    const empty = await as(app, stranger.token).get('/api/placements?format=csv').expect(200);
    expect(empty.text.trim().split('\n')).toHaveLength(1);
    await as(app, stranger.token).get('/api/outcomes?format=xls').expect(400);
  });

  it("gives the admin's accounts, organisations and failed notifications with the screen's filters", async () => {
    const admin = await make.aUser('admin');
    const school = await make.anOrganisation('school', `Skole ${Date.now()} – Ålborg`);
    const student = await make.aStudent(school, await make.aProgramme(school.id));
    await make.aUser('coordinator', school);

    const users = `/api/admin/users?role=student&q=${encodeURIComponent(student.email)}`;
    const { body } = await as(app, admin.token).get(users).expect(200);
    expect(body.items).toHaveLength(1);
    const csv = await as(app, admin.token).get(`${users}&format=csv`).expect(200);
    expect(csvRows(csv.text)).toEqual([
      [
        'displayName',
        'email',
        'role',
        'organisation',
        'language',
        'activated',
        'active',
        'lastLoginAt',
        'createdAt',
      ],
      [
        body.items[0].displayName,
        student.email,
        'student',
        school.name,
        body.items[0].language,
        body.items[0].activated ? 'yes' : 'no',
        'yes',
        '',
        body.items[0].createdAt,
      ],
    ]);
    expect(await logged(admin.id, 'GET /api/admin/users')).toEqual([[student.studentId]]);
    expect(await logged(admin.id, 'GET /api/admin/users?format=csv')).toEqual([
      [student.studentId],
    ]);

    const organisations = '/api/admin/organisations?kind=school&pageSize=100';
    const page = await as(app, admin.token).get(organisations).expect(200);
    const sheet = await xlsxOf(admin.token, `${organisations}&format=xlsx`);
    expect(sheet[0]).toEqual(['name', 'kind', 'slug', 'description']);
    expect(sheet).toHaveLength(Math.min(page.body.total, 5_000) + 1);
    type Named = { name: string };
    expect(sheet.slice(1, 101).map((row) => row[0])).toEqual(
      (page.body.items as Named[]).map((o) => o.name),
    );

    await db.query(
      `INSERT INTO outbox (event, channel, recipient_user_id, dedupe_key, status, attempts, last_error)
       VALUES ('round.opened', 'email', $1, $2, 'failed', 5, '550 mailbox unavailable')`,
      [student.id, `exports ${student.id}`],
    );
    const failed = await as(app, admin.token)
      .get('/api/admin/notifications/failed?format=csv')
      .expect(200);
    expect(csvRows(failed.text)[0]).toEqual([
      'createdAt',
      'event',
      'channel',
      'recipientEmail',
      'attempts',
      'lastError',
    ]);
    expect(failed.text).toContain(`,round.opened,email,${student.email},5,550 mailbox unavailable`);
    expect(await logged(admin.id, 'GET /api/admin/notifications/failed?format=csv')).toContainEqual(
      expect.arrayContaining([student.studentId]),
    );

    const coordinator = await make.aUser('coordinator', school);
    for (const url of [
      '/api/admin/users?format=csv',
      '/api/admin/organisations?format=xlsx',
      '/api/admin/notifications/failed?format=csv',
    ]) {
      await as(app, coordinator.token).get(url).expect(403);
    }
    await as(app, admin.token).get('/api/admin/users?format=json2').expect(400);
  });

  it('gives hiring needs and slots as the reviewer lists them', async () => {
    const school = await make.anOrganisation('school');
    const programme = await make.aProgramme(school.id, 'Laborant');
    const [{ code, slug }] = await db.query(
      `SELECT p.code, o.slug FROM programmes p JOIN organisations o ON o.id = p.school_id
        WHERE p.id = $1`,
      [programme.id],
    );
    const host = await make.anOrganisation('employer');
    const reviewer = await make.aUser('reviewer', host);
    const needs = `/api/organizations/${host.id}/hiring-needs`;
    await as(app, reviewer.token)
      .put(needs, { items: [{ programmeId: programme.id, year: 2031, count: 3 }] })
      .expect(200);
    const csv = await as(app, reviewer.token).get(`${needs}?format=csv`).expect(200);
    const [header, row] = csvRows(csv.text);
    expect(header).toEqual(['programme', 'year', 'count', 'programmeName', 'school', 'updatedAt']);
    expect(row.slice(0, 5)).toEqual([`${slug}/${code}`, '2031', '3', 'Laborant', school.name]);
    // The downloaded file, edited, goes back in as it is (its extra columns are read past).
    const edited = csv.text.replace(',2031,3,', ',2031,5,');
    await request(app.getHttpServer())
      .post(`${needs}/import`)
      .set('Authorization', `Bearer ${reviewer.token}`)
      .attach('file', Buffer.from(edited), 'needs.csv')
      .expect(201);
    const { body: after } = await as(app, reviewer.token).get(needs).expect(200);
    expect(after.items).toEqual([expect.objectContaining({ programmeId: programme.id, count: 5 })]);
    const coordinator = await make.aUser('coordinator', school);
    await as(app, coordinator.token).get(`${needs}?format=csv`).expect(403);

    await make.aSlot(host, { title: 'Åben plads' });
    await make.aSlot(host, { title: 'Lukket plads', status: 'closed' });
    const slots = '/api/slots?status=closed&pageSize=100';
    const { body } = await as(app, reviewer.token).get(slots).expect(200);
    const file = await xlsxOf(reviewer.token, `${slots}&format=xlsx`);
    type Slot = { title: string };
    expect(file.slice(1).map((r) => r[0])).toEqual((body.items as Slot[]).map((s) => s.title));
    expect(file.slice(1).map((r) => r[0])).toEqual(['Lukket plads']);
    await as(app, reviewer.token).get('/api/slots?format=docx').expect(400);
  });

  it("honours the student list's round status, programme and search in its download", async () => {
    const school = await make.anOrganisation('school');
    const laborant = await make.aProgramme(school.id, 'Laborant');
    const operator = await make.aProgramme(school.id, 'Procesoperatør');
    const host = await make.anOrganisation('employer');
    const slot = await make.aSlot(host, { capacity: 3 });
    const round = await make.anOpenRound([{ id: slot.id, seats: 3 }]);
    const ranked = await make.aStudent(school, laborant, { fullName: 'Asta Rangeret' });
    const idle = await make.aStudent(school, laborant, { fullName: 'Bo Venter' });
    const other = await make.aStudent(school, operator, { fullName: 'Cai Venter' });
    await db.query(
      `INSERT INTO preferences (round_id, student_id, slot_id, rank) VALUES ($1, $2, $3, 1)`,
      [round.id, ranked.studentId, slot.id],
    );
    const coordinator = await make.aUser('coordinator', school);
    const names = async (query: string) => {
      const csv = await as(app, coordinator.token)
        .get(`/api/students?format=csv&${query}`)
        .expect(200);
      return csvRows(csv.text)
        .slice(1)
        .map((row) => row[0]);
    };
    expect(await names(`roundId=${round.id}&status=waiting`)).toEqual(['Asta Rangeret']);
    expect(await names(`roundId=${round.id}&status=notTakingPart`)).toEqual([
      'Bo Venter',
      'Cai Venter',
    ]);
    expect(
      await names(`roundId=${round.id}&status=notTakingPart&programmeId=${operator.id}`),
    ).toEqual(['Cai Venter']);
    expect(await names(`roundId=${round.id}&status=notTakingPart&q=bo%20v`)).toEqual(['Bo Venter']);
    expect(await names(`roundId=${round.id}&status=unplaced`)).toEqual([]);
    // The JSON list takes the same filter.
    const { body } = await as(app, coordinator.token)
      .get(`/api/students?roundId=${round.id}&status=notTakingPart`)
      .expect(200);
    expect(body.total).toBe(2);
    expect((body.items as { id: string }[]).map((s) => s.id).sort()).toEqual(
      [idle.studentId, other.studentId].sort(),
    );
    const [draft] = await db.query(
      `INSERT INTO rounds (name, preferences_open_at, preferences_close_at, seed)
       VALUES ($1, now(), now() + interval '7 days', $1) RETURNING id`,
      [`Draft ${Date.now()}`],
    );
    expect(await names(`roundId=${draft.id}&status=pending`)).toHaveLength(3);
    expect(await names(`roundId=${draft.id}&status=waiting`)).toEqual([]);

    await as(app, coordinator.token).get('/api/students?status=waiting&format=csv').expect(400);
    await as(app, coordinator.token)
      .get(`/api/students?roundId=${round.id}&status=sleeping`)
      .expect(400);
  });

  it('names a download in UTF-8 beside an ASCII fallback', async () => {
    const school = await make.anOrganisation('school');
    await make.aStudent(school, await make.aProgramme(school.id));
    const round = await make.anOpenRound([], `Forår 2027 – runde ${Date.now()}`);
    const coordinator = await make.aUser('coordinator', school);
    const suffix = round.name.split(' ').pop();
    await as(app, coordinator.token)
      .get(`/api/reports/placements?groupBy=school&roundId=${round.id}&format=csv`)
      .expect(200)
      .expect(
        'Content-Disposition',
        `attachment; filename="placements-school-Foraar 2027 - runde ${suffix}.csv"; ` +
          `filename*=UTF-8''placements-school-For%C3%A5r%202027%20%E2%80%93%20runde%20${suffix}.csv`,
      );
  });
});
