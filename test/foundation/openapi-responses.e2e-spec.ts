import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Factories, TEST_PASSWORD } from '../support/factories';
import { as, eventually } from '../support/http';
import { startApi } from '../support/test-app';
import { startWorker } from '../support/test-worker';

/**
 * The web app's types of these responses are generated from the OpenAPI document, so the
 * document must say what the api really sends: every required field present, no field it does
 * not name, each of the type, enum and nullability it gives. Where a route answers one of
 * several shapes (oneOf), the answer must fit exactly one of them.
 */
interface Schema {
  type?: string;
  enum?: unknown[];
  nullable?: boolean;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  $ref?: string;
  /** true: fields beyond `properties` are allowed (an export section's columns). */
  additionalProperties?: boolean;
}

interface Document {
  paths: Record<string, Record<string, { responses: Record<string, ResponseObject> }>>;
  components: { schemas: Record<string, Schema> };
}

interface ResponseObject {
  content?: { 'application/json'?: { schema: Schema } };
}

function resolve(schema: Schema, doc: Document): Schema {
  if (schema.$ref) return resolve(doc.components.schemas[schema.$ref.split('/').pop()!], doc);
  if (schema.allOf?.length === 1) return { ...resolve(schema.allOf[0], doc), ...schema, allOf: [] };
  return schema;
}

/** Where `value` departs from `schema`, as readable paths; empty when it conforms. */
function departures(value: unknown, raw: Schema, doc: Document, at = '$'): string[] {
  const schema = resolve(raw, doc);
  if (value === null) return schema.nullable ? [] : [`${at} is null`];
  if (schema.oneOf) {
    const fits = schema.oneOf.filter((one) => departures(value, one, doc, at).length === 0);
    return fits.length === 1 ? [] : [`${at} fits ${fits.length} of the oneOf schemas, not 1`];
  }
  if (schema.enum && !schema.enum.includes(value)) return [`${at} = ${String(value)} not in enum`];
  switch (schema.type) {
    case 'array':
      if (!Array.isArray(value)) return [`${at} is not an array`];
      return value.flatMap((item, i) => departures(item, schema.items ?? {}, doc, `${at}[${i}]`));
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value)) return [`${at} is not an object`];
      const record = value as Record<string, unknown>;
      const properties = schema.properties ?? {};
      return [
        ...(schema.required ?? [])
          .filter((key) => !(key in record))
          .map((key) => `${at}.${key} is missing`),
        ...Object.keys(record)
          .filter((key) => !(key in properties) && schema.additionalProperties !== true)
          .map((key) => `${at}.${key} is not in the document`),
        ...Object.entries(record)
          .filter(([key]) => key in properties)
          .flatMap(([key, item]) => departures(item, properties[key], doc, `${at}.${key}`)),
      ];
    }
    case 'number':
    case 'integer':
      return typeof value === 'number' ? [] : [`${at} is not a number`];
    case 'string':
    case 'boolean':
      return typeof value === schema.type ? [] : [`${at} is not a ${schema.type}`];
    default:
      return [];
  }
}

// Many calls in one test, with argon2 hashing: slow on a loaded machine.
jest.setTimeout(60_000);

describe('the OpenAPI document describes the responses the web app reads', () => {
  let app: INestApplication;
  let worker: INestApplicationContext;
  let doc: Document;

  beforeAll(async () => {
    app = await startApi();
    worker = await startWorker();
    doc = (await request(app.getHttpServer()).get('/docs-json').expect(200)).body;
  }, 60_000);

  afterAll(async () => {
    await worker.close();
    await app.close();
  });

  function schemaOf(method: string, path: string, status: number): Schema {
    const schema = doc.paths[path]?.[method]?.responses[status]?.content?.['application/json'];
    if (!schema) throw new Error(`${method.toUpperCase()} ${path} ${status} has no schema`);
    return schema.schema;
  }

  it('for slots, rounds, preferences, programmes, students and results', async () => {
    const make = new Factories(app);
    const school = await make.anOrganisation('school');
    const programme = await make.aProgramme(school.id);
    const host = await make.anOrganisation('employer');
    const reviewer = as(app, (await make.aUser('reviewer', host)).token);
    const coordinator = as(app, (await make.aUser('coordinator', school)).token);
    const admin = as(app, (await make.aUser('admin')).token);
    const studentUser = await make.aStudent(school, programme, { birthDate: '2010-01-01' });
    const student = as(app, studentUser.token);
    await make.aSlot(host, { programmeIds: [programme.id], language: 'en', minAge: 18 });
    const posted = await reviewer
      .post('/api/slots', {
        title: 'Dokumenteret plads',
        focusArea: 'green-transition',
        startsOn: '2027-02-01',
        endsOn: '2027-03-31',
        capacity: 2,
        programmeIds: [programme.id],
      })
      .expect(201);
    const round = await admin
      .post('/api/rounds', {
        name: 'Dokumentet',
        preferencesCloseAt: new Date(Date.now() + 3600_000),
      })
      .expect(201);
    // An open round made directly: opening one through the api announces it to every student.
    const roundId = (await make.anOpenRound([{ id: posted.body.id, seats: 2 }])).id;
    const ranked = await student
      .put(`/api/rounds/${roundId}/preferences`, { slotIds: [posted.body.id] })
      .expect(200);

    const calls: [string, string, number, () => Promise<unknown>][] = [
      ['post', '/api/slots', 201, async () => posted.body],
      ['post', '/api/rounds', 201, async () => round.body],
      ['put', '/api/rounds/{id}/preferences', 200, async () => ranked.body],
      ...(
        [
          [student, '/api/slots', '/api/slots?includeIneligible=true&pageSize=100'],
          [reviewer, '/api/slots/{id}', `/api/slots/${posted.body.id}`],
          [reviewer, '/api/programmes', `/api/programmes?schoolId=${school.id}`],
          [admin, '/api/rounds', '/api/rounds?pageSize=5'],
          [student, '/api/rounds/{id}', `/api/rounds/${roundId}`],
          // While another round is open, the draft's preview names it.
          [
            admin,
            '/api/rounds/{id}/opening-preview',
            `/api/rounds/${round.body.id}/opening-preview`,
          ],
          [student, '/api/rounds/{id}/preferences', `/api/rounds/${roundId}/preferences`],
          [student, '/api/rounds/{id}/slots', `/api/rounds/${roundId}/slots?pageSize=100`],
          [
            student,
            '/api/rounds/{id}/slots-left-out',
            `/api/rounds/${roundId}/slots-left-out?pageSize=100`,
          ],
          [coordinator, '/api/rounds/{id}/students', `/api/rounds/${roundId}/students`],
          // Before publication only admins read results.
          [admin, '/api/rounds/{id}/results', `/api/rounds/${roundId}/results`],
          [coordinator, '/api/students', '/api/students'],
        ] as const
      ).map(
        ([client, path, url]) =>
          ['get', path, 200, async () => (await client.get(url).expect(200)).body] as [
            string,
            string,
            number,
            () => Promise<unknown>,
          ],
      ),
    ];
    calls.push([
      'post',
      '/api/rounds/{id}/close',
      200,
      async () => (await admin.post(`/api/rounds/${roundId}/close`).expect(200)).body,
    ]);
    const problems: string[] = [];
    for (const [method, path, status, body] of calls) {
      const found = departures(await body(), schemaOf(method, path, status), doc);
      problems.push(...found.map((p) => `${method.toUpperCase()} ${path}: ${p}`));
    }
    expect(problems).toEqual([]);
  });

  it('for me, placements, explanations, applicants, demand, reports, notifications, accounts, organisations, the access log and imports', async () => {
    const make = new Factories(app);
    const server = app.getHttpServer();
    const school = await make.anOrganisation('school');
    const programme = await make.aProgramme(school.id);
    const host = await make.anOrganisation('employer');
    const reviewer = as(app, (await make.aUser('reviewer', host)).token);
    const coordinator = as(app, (await make.aUser('coordinator', school)).token);
    const admin = as(app, (await make.aUser('admin')).token);
    const taker = await make.aStudent(school, programme, { birthDate: '2004-01-01' });
    const missing = await make.aStudent(school, programme, { birthDate: '2004-01-01' });
    const wanted = await make.aSlot(host, { capacity: 1 });
    const fallback = await make.aSlot(host, { capacity: 1 });
    // An open round made directly: opening one through the api announces it to every student.
    const roundId = (await make.anOpenRound([{ id: wanted.id }, { id: fallback.id }])).id;
    await as(app, taker.token)
      .put(`/api/rounds/${roundId}/preferences`, { slotIds: [wanted.id] })
      .expect(200);
    await as(app, missing.token)
      .put(`/api/rounds/${roundId}/preferences`, { slotIds: [wanted.id, fallback.id] })
      .expect(200);

    const bodies: [string, string, number, unknown][] = [];
    const record = (method: string, path: string, response: request.Response) =>
      bodies.push([method, path, response.status, response.body]);
    const upload = (token: string, url: string, csv: string) =>
      request(server)
        .post(url)
        .set('Authorization', `Bearer ${token}`)
        .attach('file', Buffer.from(csv), 'import.csv')
        .expect(201);

    record(
      'post',
      '/api/auth/login',
      await request(server)
        .post('/api/auth/login')
        .send({ email: taker.email, password: TEST_PASSWORD })
        .expect(200),
    );
    record('get', '/api/me', await as(app, taker.token).get('/api/me').expect(200));
    record('get', '/api/me', await reviewer.get('/api/me').expect(200));
    record('get', '/api/me', await admin.get('/api/me').expect(200));
    const applicants = `/api/rounds/${roundId}/slots/${wanted.id}`;
    record(
      'get',
      '/api/rounds/{id}/slots/{slotId}/applicants',
      await reviewer.get(`${applicants}/applicants`).expect(200),
    );
    record(
      'put',
      '/api/rounds/{id}/slots/{slotId}/ranking',
      await reviewer
        .put(`${applicants}/ranking`, { studentIds: [taker.studentId, missing.studentId] })
        .expect(200),
    );
    record(
      'get',
      '/api/rounds/{id}/demand',
      await reviewer.get(`/api/rounds/${roundId}/demand`).expect(200),
    );
    for (const client of [coordinator, reviewer]) {
      record(
        'get',
        '/api/students/{id}',
        await client.get(`/api/students/${taker.studentId}`).expect(200),
      );
    }
    record(
      'post',
      '/api/students',
      await coordinator
        .post('/api/students', {
          fullName: 'Dokumenteret Elev',
          email: `documented-${Date.now()}@test.example`,
          programmeId: programme.id,
          birthDate: '2008-05-17',
          availableFrom: '2027-02-01',
          availableTo: '2027-06-30',
        })
        .expect(201),
    );
    const [programmeRow]: { code: string }[] = await app
      .get(DataSource)
      .query(`SELECT code FROM programmes WHERE id = $1`, [programme.id]);
    record(
      'post',
      '/api/students/import',
      await upload(
        (await make.aUser('coordinator', school)).token,
        '/api/students/import',
        'name,email,programme,birthDate,availableFrom,availableTo\n' +
          `Importeret Elev,imported-${Date.now()}@test.example,${programmeRow.code},2008-05-17,2027-02-01,2027-06-30`,
      ),
    );
    record(
      'post',
      '/api/slots/import',
      await upload(
        (await make.aUser('reviewer', host)).token,
        '/api/slots/import',
        'title,focusArea,startsOn,endsOn,capacity\nImporteret plads,green-transition,2027-03-01,2027-05-31,1',
      ),
    );

    await admin.post(`/api/rounds/${roundId}/close`).expect(200);
    await admin.post(`/api/rounds/${roundId}/run`).expect(202);
    await eventually(async () =>
      (await admin.get(`/api/rounds/${roundId}`)).body.status === 'matched' ? true : undefined,
    );
    await admin.post(`/api/rounds/${roundId}/publish`).expect(200);
    record(
      'get',
      '/api/rounds/{id}/explanation',
      await as(app, missing.token).get(`/api/rounds/${roundId}/explanation`).expect(200),
    );
    const offerOf = async (student: { token: string }) =>
      (await as(app, student.token).get(`/api/placements?roundId=${roundId}`).expect(200)).body
        .items[0].id as string;
    for (const client of [as(app, taker.token), reviewer, coordinator]) {
      record(
        'get',
        '/api/placements',
        await client.get(`/api/placements?roundId=${roundId}`).expect(200),
      );
    }
    const offer = await offerOf(taker);
    record(
      'post',
      '/api/placements/{id}/accept',
      await as(app, taker.token).post(`/api/placements/${offer}/accept`).expect(200),
    );
    record(
      'post',
      '/api/placements/{id}/confirm',
      await reviewer.post(`/api/placements/${offer}/confirm`).expect(200),
    );
    record(
      'post',
      '/api/placements/{id}/decline',
      await as(app, missing.token)
        .post(`/api/placements/${await offerOf(missing)}/decline`)
        .expect(200),
    );
    const inbox = await eventually(async () => {
      const page = await as(app, taker.token).get('/api/me/notifications').expect(200);
      return page.body.items.length > 0 ? page : undefined;
    });
    record('get', '/api/me/notifications', inbox);
    record(
      'post',
      '/api/me/notifications/{id}/read',
      await as(app, taker.token)
        .post(`/api/me/notifications/${inbox.body.items[0].id}/read`)
        .expect(200),
    );
    record(
      'post',
      '/api/me/notifications/read-all',
      await as(app, taker.token).post('/api/me/notifications/read-all').expect(200),
    );
    const allRead = await as(app, taker.token).get('/api/me/notifications').expect(200);
    expect(allRead.body.unread).toBe(0);

    const report = `/api/reports/placements?roundId=${roundId}&groupBy=`;
    record('get', '/api/reports/placements', await coordinator.get(`${report}school`).expect(200));
    record('get', '/api/reports/placements', await admin.get(`${report}employer`).expect(200));
    record(
      'get',
      '/api/me/access-log',
      await as(app, taker.token).get('/api/me/access-log').expect(200),
    );
    record(
      'get',
      '/api/admin/access-log',
      await admin.get(`/api/admin/access-log?studentId=${taker.studentId}`).expect(200),
    );
    record(
      'get',
      '/api/students/{id}/export',
      await as(app, taker.token).get(`/api/students/${taker.studentId}/export`).expect(200),
    );
    record(
      'get',
      '/api/rounds/{id}/instance',
      await admin.get(`/api/rounds/${roundId}/instance`).expect(200),
    );
    // A permanently refused e-mail, as the worker records it.
    await app.get(DataSource).query(
      `INSERT INTO outbox (event, channel, recipient_user_id, dedupe_key, status, attempts, last_error)
       SELECT 'offer.made', 'email', user_id, 'documented-failure-' || id, 'failed', 1,
              'EENVELOPE 550: Recipient refused'
         FROM students WHERE id = $1`,
      [taker.studentId],
    );
    const failed = await admin.get('/api/admin/notifications/failed').expect(200);
    expect(failed.body.items.length).toBeGreaterThan(0);
    record('get', '/api/admin/notifications/failed', failed);
    const staff = await admin
      .post('/api/admin/users', {
        email: `documented-staff-${Date.now()}@test.example`,
        displayName: 'Dokumenteret Vejleder',
        role: 'coordinator',
        organisationId: school.id,
      })
      .expect(201);
    record('post', '/api/admin/users', staff);
    record(
      'get',
      '/api/admin/users',
      await admin.get(`/api/admin/users?organisationId=${school.id}`).expect(200),
    );
    record(
      'patch',
      '/api/admin/users/{id}',
      await admin
        .patch(`/api/admin/users/${staff.body.user.id}`, { displayName: 'Omdøbt Vejleder' })
        .expect(200),
    );
    record(
      'post',
      '/api/admin/users/{id}/deactivate',
      await admin.post(`/api/admin/users/${staff.body.user.id}/deactivate`).expect(200),
    );
    record(
      'post',
      '/api/admin/users/{id}/reactivate',
      await admin.post(`/api/admin/users/${staff.body.user.id}/reactivate`).expect(200),
    );
    record(
      'get',
      '/api/admin/users/throttled',
      await admin.get('/api/admin/users/throttled').expect(200),
    );
    const changer = await make.aUser('coordinator', school);
    record(
      'post',
      '/api/auth/change-password',
      await as(app, changer.token)
        .post('/api/auth/change-password', {
          currentPassword: TEST_PASSWORD,
          newPassword: 'a documented passphrase',
        })
        .expect(200),
    );
    const organisation = await admin
      .post('/api/admin/organisations', {
        name: `Dokumenteret ${Date.now()}`,
        kind: 'public',
        slug: `dokumenteret-${Date.now()}`,
      })
      .expect(201);
    record('post', '/api/admin/organisations', organisation);
    record(
      'patch',
      '/api/admin/organisations/{id}',
      await admin
        .patch(`/api/admin/organisations/${organisation.body.id}`, { description: 'Kommune' })
        .expect(200),
    );
    record('get', '/api/admin/organisations', await admin.get('/api/admin/organisations'));
    record(
      'get',
      '/api/organizations',
      await request(server).get('/api/organizations?kind=school'),
    );

    const problems = bodies.flatMap(([method, path, status, body]) =>
      departures(body, schemaOf(method, path, status), doc).map(
        (p) => `${method.toUpperCase()} ${path}: ${p}`,
      ),
    );
    expect(problems).toEqual([]);
    const accessLog = bodies.find(([, path]) => path === '/api/me/access-log')?.[3];
    expect(accessLog).toMatchObject({ items: expect.arrayContaining([expect.anything()]) });
  }, 60_000);

  it("for a guardian's consent: the minor's accept, the placements awaiting it, the guardian's page", async () => {
    const make = new Factories(app);
    const server = app.getHttpServer();
    const school = await make.anOrganisation('school');
    const programme = await make.aProgramme(school.id);
    const host = await make.anOrganisation('employer');
    const reviewer = as(app, (await make.aUser('reviewer', host)).token);
    const coordinator = as(app, (await make.aUser('coordinator', school)).token);
    const admin = as(app, (await make.aUser('admin')).token);
    const minor = await make.aStudent(school, programme, { birthDate: '2010-01-01' });
    const slot = await make.aSlot(host, { capacity: 1, startsOn: '2027-02-01' });
    const roundId = (await make.anOpenRound([{ id: slot.id }])).id;
    const student = as(app, minor.token);
    await student.put(`/api/rounds/${roundId}/preferences`, { slotIds: [slot.id] }).expect(200);
    await admin.post(`/api/rounds/${roundId}/close`).expect(200);
    await admin.post(`/api/rounds/${roundId}/run`).expect(202);
    await eventually(async () =>
      (await admin.get(`/api/rounds/${roundId}`)).body.status === 'matched' ? true : undefined,
    );
    await admin.post(`/api/rounds/${roundId}/publish`).expect(200);
    const offer = (await student.get(`/api/placements?roundId=${roundId}`).expect(200)).body
      .items[0].id as string;

    const bodies: [string, string, number, unknown][] = [];
    const record = (method: string, path: string, response: request.Response) =>
      bodies.push([method, path, response.status, response.body]);
    record(
      'post',
      '/api/placements/{id}/accept',
      await student
        .post(`/api/placements/${offer}/accept`, {
          guardian: { name: 'Dorthe Dokument', email: 'dorthe@example.dk' },
        })
        .expect(200),
    );
    for (const client of [student, reviewer, coordinator, admin]) {
      record(
        'get',
        '/api/placements',
        await client.get(`/api/placements?roundId=${roundId}`).expect(200),
      );
    }
    // The worker draws tokens only into the e-mail it sends: this link's token is the test's.
    const token = randomBytes(32).toString('base64url');
    await app.get(DataSource).query(
      `INSERT INTO guardian_consent_links (token_hash, consent_id)
       SELECT $1, id FROM guardian_consents WHERE placement_id = $2`,
      [createHash('sha256').update(token).digest(), offer],
    );
    const guardian = (path: string, body: object) =>
      request(server).post(`/api/guardian-consent/${path}`).send(body).expect(200);
    record('post', '/api/guardian-consent/offer', await guardian('offer', { token }));
    record(
      'post',
      '/api/guardian-consent/answer',
      await guardian('answer', { token, decision: 'confirm' }),
    );
    record('get', '/api/placements', await student.get(`/api/placements?roundId=${roundId}`));
    const report = `/api/reports/placements?roundId=${roundId}&groupBy=`;
    record('get', '/api/reports/placements', await coordinator.get(`${report}school`).expect(200));
    record('get', '/api/reports/placements', await admin.get(`${report}employer`).expect(200));

    const problems = bodies.flatMap(([method, path, status, body]) =>
      departures(body, schemaOf(method, path, status), doc).map(
        (p) => `${method.toUpperCase()} ${path}: ${p}`,
      ),
    );
    expect(problems).toEqual([]);
    expect(bodies[0][3]).toMatchObject({
      status: 'awaiting_guardian',
      guardianConsent: { state: 'awaiting', guardian: { name: 'Dorthe Dokument' } },
    });
  }, 60_000);
});
