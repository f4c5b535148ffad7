import { newGuardianToken } from '@app/notifications';
import { Role } from '@app/database';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import request, { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { createOpenApiDocument } from '../../apps/api/src/openapi';
import { Factories } from '../support/factories';
import { as, eventually } from '../support/http';
import { startApi } from '../support/test-app';
import { startWorker } from '../support/test-worker';

/**
 * Every response that carries a student's personal data to someone other than the student
 * writes an access-log row (docs/PRIVACY.md). The routes are found in the OpenAPI document by
 * their response schemas, so a new route that can return such data fails this test until it
 * is listed below: either as logged, with a call for each role that may make it, or as one
 * that only ever answers the student themself (or staff about staff), with the reason.
 */

/** Fields that only a person's record has: a schema naming one can carry a student's data. */
const PERSONAL_FIELDS = new Set([
  'fullName',
  'birthDate',
  'motivation',
  'email',
  'recipientEmail',
  'displayName',
  'guardianName',
  'lastLoginAt',
]);

interface Schema {
  $ref?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  additionalProperties?: boolean | Schema;
}

interface Document {
  paths: Record<string, Record<string, { responses?: Record<string, ResponseObject> }>>;
  components?: { schemas?: Record<string, Schema> };
}

interface ResponseObject {
  content?: { 'application/json'?: { schema?: Schema } };
}

/** The personal fields a schema can hold; rows of free columns (the export) count as all. */
function personalFields(schema: Schema | undefined, doc: Document, seen = new Set<string>()) {
  const found = new Set<string>();
  const visit = (node: Schema | undefined): void => {
    if (!node) return;
    if (node.$ref) {
      const name = node.$ref.split('/').pop()!;
      if (seen.has(name)) return;
      seen.add(name);
      return visit(doc.components?.schemas?.[name]);
    }
    if (node.additionalProperties === true) found.add('(free columns)');
    for (const part of [...(node.allOf ?? []), ...(node.oneOf ?? []), ...(node.anyOf ?? [])]) {
      visit(part);
    }
    visit(node.items);
    for (const [name, property] of Object.entries(node.properties ?? {})) {
      if (PERSONAL_FIELDS.has(name)) found.add(name);
      visit(property);
    }
  };
  visit(schema);
  return found;
}

/** `GET /api/students/{id}` for every operation whose 2xx answer can carry personal data. */
function routesCarryingPersonalData(doc: Document): string[] {
  const routes: string[] = [];
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const carries = Object.entries(operation.responses ?? {}).some(
        ([status, response]) =>
          status.startsWith('2') &&
          personalFields(response.content?.['application/json']?.schema, doc).size > 0,
      );
      if (carries) routes.push(`${method.toUpperCase()} ${path}`);
    }
  }
  return routes.sort();
}

type Staff = Exclude<Role, 'student'>;
/** Staff sign in; the guardian a minor named has no account, only their one-time link. */
type Actor = Staff | 'guardian';

interface World {
  app: INestApplication;
  tokens: Record<Staff, string>;
  userIds: Record<Staff, string>;
  student: { studentId: string; userId: string; email: string; fullName: string };
  roundId: string;
  slotId: string;
  placementId: string;
  placedRoundId: string;
  /** The host's second reviewer, who confirms the placement (once). */
  confirming: { id: string; token: string };
  programmeCode: string;
  programmeId: string;
  /** A minor's accepted offer awaiting their guardian, and a link to it. */
  guardian: { studentId: string; consentId: string; token: string };
}

interface LoggedRoute {
  roles: Actor[];
  /** Makes the call as `role`; resolves with the answer and the student it must log. */
  call(world: World, role: Actor): Promise<{ response: Response; studentId: string }>;
}

/** The token of the staff member `role`; the guardian has none. */
function tokenOf(w: World, role: Actor): string {
  if (role === 'guardian') throw new Error('the guardian has no account');
  return w.tokens[role];
}

/** Routes that log, with how each role that may call them does. */
const LOGGED: Record<string, LoggedRoute> = {
  'GET /api/students': {
    roles: ['coordinator', 'admin'],
    call: async (w, role) => ({
      response: await as(w.app, tokenOf(w, role)).get(
        `/api/students?q=${encodeURIComponent(w.student.fullName)}`,
      ),
      studentId: w.student.studentId,
    }),
  },
  'POST /api/students': {
    roles: ['coordinator', 'admin'],
    call: async (w, role) => {
      const response = await as(w.app, tokenOf(w, role)).post('/api/students', {
        email: `created-${role}-${Date.now()}@test.example`,
        fullName: 'Oprettet Elev',
        programmeId: w.programmeId,
        birthDate: '2008-01-01',
        availableFrom: '2027-02-01',
        availableTo: '2027-06-30',
        ...(role === 'admin' ? { schoolId: await schoolOf(w) } : {}),
      });
      return { response, studentId: response.body.id };
    },
  },
  'POST /api/students/import': {
    roles: ['coordinator', 'admin'],
    call: async (w, role) => {
      const csv = [
        'name,email,programme,birthDate,availableFrom,availableTo',
        `Importeret Elev,imported-${role}-${Date.now()}@test.example,${w.programmeCode},2008-01-01,2027-02-01,2027-06-30`,
      ].join('\n');
      const query = role === 'admin' ? `?schoolId=${await schoolOf(w)}` : '';
      const response = await request(w.app.getHttpServer())
        .post(`/api/students/import${query}`)
        .set('Authorization', `Bearer ${tokenOf(w, role)}`)
        .attach('file', Buffer.from(csv), 'roster.csv');
      return { response, studentId: response.body.created?.[0]?.id };
    },
  },
  'POST /api/students/import/preview': {
    roles: ['coordinator', 'admin'],
    call: async (w, role) => {
      // The world's student returns in the file: comparing the row with the profile reads it.
      const csv = [
        'name,email,programme,birthDate,availableFrom,availableTo',
        `${w.student.fullName},${w.student.email},${w.programmeCode},2008-01-01,2027-02-01,2027-06-30`,
      ].join('\n');
      const query = role === 'admin' ? `?schoolId=${await schoolOf(w)}` : '';
      const response = await request(w.app.getHttpServer())
        .post(`/api/students/import/preview${query}`)
        .set('Authorization', `Bearer ${tokenOf(w, role)}`)
        .attach('file', Buffer.from(csv), 'roster.csv');
      return { response, studentId: w.student.studentId };
    },
  },
  'GET /api/students/{id}/overview': {
    roles: ['coordinator', 'admin'],
    call: async (w, role) => ({
      response: await as(w.app, tokenOf(w, role)).get(
        `/api/students/${w.student.studentId}/overview`,
      ),
      studentId: w.student.studentId,
    }),
  },
  'GET /api/students/{id}': {
    roles: ['coordinator', 'reviewer', 'admin'],
    call: async (w, role) => ({
      response: await as(w.app, tokenOf(w, role)).get(`/api/students/${w.student.studentId}`),
      studentId: w.student.studentId,
    }),
  },
  'PATCH /api/students/{id}': {
    roles: ['coordinator', 'admin'],
    call: async (w, role) => ({
      // An empty change still answers with the whole profile.
      response: await as(w.app, tokenOf(w, role)).patch(`/api/students/${w.student.studentId}`, {}),
      studentId: w.student.studentId,
    }),
  },
  'GET /api/students/{id}/export': {
    roles: ['admin'],
    call: async (w, role) => ({
      response: await as(w.app, tokenOf(w, role)).get(
        `/api/students/${w.student.studentId}/export`,
      ),
      studentId: w.student.studentId,
    }),
  },
  'GET /api/rounds/{id}/slots/{slotId}/applicants': {
    roles: ['reviewer', 'admin'],
    call: async (w, role) => ({
      response: await as(w.app, tokenOf(w, role)).get(
        `/api/rounds/${w.roundId}/slots/${w.slotId}/applicants`,
      ),
      studentId: w.student.studentId,
    }),
  },
  'PUT /api/rounds/{id}/slots/{slotId}/ranking': {
    roles: ['reviewer', 'admin'],
    call: async (w, role) => ({
      response: await as(w.app, tokenOf(w, role)).put(
        `/api/rounds/${w.roundId}/slots/${w.slotId}/ranking`,
        { studentIds: [w.student.studentId] },
      ),
      studentId: w.student.studentId,
    }),
  },
  // Marked, then the mark taken back (in this order), so the round stays as it was.
  'PUT /api/rounds/{id}/slots/{slotId}/applicants/{studentId}/not-acceptable': {
    roles: ['reviewer', 'admin'],
    call: async (w, role) => ({
      response: await as(w.app, tokenOf(w, role)).put(
        `/api/rounds/${w.roundId}/slots/${w.slotId}/applicants/${w.student.studentId}/not-acceptable`,
      ),
      studentId: w.student.studentId,
    }),
  },
  'DELETE /api/rounds/{id}/slots/{slotId}/applicants/{studentId}/not-acceptable': {
    roles: ['reviewer', 'admin'],
    call: async (w, role) => ({
      response: await as(w.app, tokenOf(w, role)).delete(
        `/api/rounds/${w.roundId}/slots/${w.slotId}/applicants/${w.student.studentId}/not-acceptable`,
      ),
      studentId: w.student.studentId,
    }),
  },
  'GET /api/placements': {
    roles: ['coordinator', 'reviewer', 'admin'],
    call: async (w, role) => ({
      response: await as(w.app, tokenOf(w, role)).get(`/api/placements?roundId=${w.placedRoundId}`),
      studentId: w.student.studentId,
    }),
  },
  'GET /api/outcomes': {
    roles: ['coordinator', 'reviewer', 'admin'],
    call: async (w, role) => ({
      response: await as(w.app, tokenOf(w, role)).get('/api/outcomes?pageSize=100'),
      studentId: w.student.studentId,
    }),
  },
  'POST /api/placements/{id}/confirm': {
    roles: ['reviewer'],
    call: async (w) => ({
      response: await as(w.app, w.confirming.token).post(
        `/api/placements/${w.placementId}/confirm`,
      ),
      studentId: w.student.studentId,
    }),
  },
  'GET /api/admin/users': {
    roles: ['admin'],
    call: async (w, role) => ({
      response: await as(w.app, tokenOf(w, role)).get(
        `/api/admin/users?role=student&q=${encodeURIComponent(w.student.email)}`,
      ),
      studentId: w.student.studentId,
    }),
  },
  'GET /api/admin/users/throttled': {
    roles: ['admin'],
    call: async (w, role) => {
      // Blocked first of all, so it heads the list whatever other tests block.
      await w.app.get(DataSource).query(
        `INSERT INTO sign_in_blocks (user_id, address_hash, blocked_at, blocked_until)
         VALUES ($1, $2, now() - interval '1 day', now() + interval '1 hour')`,
        [w.student.userId, 'c0ffee'.padEnd(32, '0')],
      );
      return {
        response: await as(w.app, tokenOf(w, role)).get('/api/admin/users/throttled'),
        studentId: w.student.studentId,
      };
    },
  },
  'PATCH /api/admin/users/{id}': {
    roles: ['admin'],
    call: async (w, role) => ({
      response: await as(w.app, tokenOf(w, role)).patch(`/api/admin/users/${w.student.userId}`, {
        language: 'en',
      }),
      studentId: w.student.studentId,
    }),
  },
  'POST /api/guardian-consent/offer': {
    roles: ['guardian'],
    call: async (w) => ({
      response: await request(w.app.getHttpServer())
        .post('/api/guardian-consent/offer')
        .send({ token: w.guardian.token }),
      studentId: w.guardian.studentId,
    }),
  },
  'GET /api/admin/notifications/failed': {
    roles: ['admin'],
    call: async (w, role) => {
      // Written just now and dated ahead, so it heads the list whatever other tests fail.
      await w.app.get(DataSource).query(
        `INSERT INTO outbox (event, recipient_user_id, channel, dedupe_key, status, attempts,
                             last_error, created_at)
         VALUES ('offer.made', $1, 'email', $2, 'failed', 5, '550 mailbox unavailable',
                 now() + interval '1 day')`,
        [w.student.userId, `coverage-${w.student.userId}`],
      );
      return {
        response: await as(w.app, tokenOf(w, role)).get('/api/admin/notifications/failed'),
        studentId: w.student.studentId,
      };
    },
  },
};

/** Routes whose answer never carries a student's data to anyone but that student. */
const NOT_LOGGED: Record<string, string> = {
  'POST /api/auth/login': 'the signed-in user’s own account',
  'GET /api/me': 'the caller’s own profile',
  'POST /api/placements/{id}/accept': 'students only, their own offer',
  'POST /api/placements/{id}/decline': 'students only, their own offer',
  'POST /api/admin/users': 'staff accounts only: a student account is refused (400)',
  'POST /api/admin/users/{id}/deactivate': 'staff accounts only: a student account is refused',
  'POST /api/admin/users/{id}/reactivate': 'staff accounts only: a student account is refused',
  'POST /api/auth/change-password': 'the signed-in user’s own account',
  'GET /api/me/email-settings': 'the signed-in user’s own settings',
  'PUT /api/me/email-settings': 'the signed-in user’s own settings',
  // A slot's contact person (name, e-mail, phone) is the host's staff member, named by the host.
  'GET /api/slots': 'slots and their hosts’ contact persons, no student',
  'GET /api/slots/{id}': 'a slot and its host’s contact person, no student',
  'POST /api/slots': 'a slot and its host’s contact person, no student',
  'PATCH /api/slots/{id}': 'a slot and its host’s contact person, no student',
  'DELETE /api/slots/{id}': 'a slot and its host’s contact person, no student',
  'POST /api/slots/import': 'slots and their hosts’ contact persons, no student',
  'GET /api/rounds/{id}/slots': 'a round’s slots and their hosts’ contact persons, no student',
};

async function schoolOf(w: World): Promise<string> {
  const [row] = await w.app
    .get(DataSource)
    .query(`SELECT school_id FROM students WHERE id = $1`, [w.student.studentId]);
  return row.school_id;
}

describe('the access log covers every route that shows a student to someone else', () => {
  let app: INestApplication;
  let worker: INestApplicationContext;
  let world: World;
  let routes: string[];

  beforeAll(async () => {
    app = await startApi();
    worker = await startWorker();
    routes = routesCarryingPersonalData(createOpenApiDocument(app) as unknown as Document);
    world = await buildWorld(app);
  }, 60_000);

  afterAll(async () => {
    await worker.close();
    await app.close();
  });

  it('knows every route whose response schema can hold a student’s personal data', () => {
    const known = new Set([...Object.keys(LOGGED), ...Object.keys(NOT_LOGGED)]);
    expect(routes.filter((route) => !known.has(route))).toEqual([]);
    // A listed route that no longer exists (or no longer carries such data) is listed wrongly.
    expect([...known].filter((route) => !routes.includes(route))).toEqual([]);
  });

  it('finds routes by their schemas, so a new route with a student field is caught', () => {
    const doc: Document = {
      paths: {
        '/api/new-route': {
          get: {
            responses: {
              '200': { content: { 'application/json': { schema: { $ref: '#/c/Thing' } } } },
            },
          },
        },
      },
      components: {
        schemas: { Thing: { properties: { items: { items: { properties: { fullName: {} } } } } } },
      },
    };
    expect(routesCarryingPersonalData(doc)).toEqual(['GET /api/new-route']);
  });

  const cases = Object.entries(LOGGED).flatMap(([route, logged]) =>
    logged.roles.map((role) => [route, role] as const),
  );

  it.each(cases)('%s as %s writes a row naming the student', async (route, role) => {
    const db = app.get(DataSource);
    // A guardian has no id: their rows name the request whose link was used.
    const [byActor, actor] =
      role === 'guardian'
        ? [
            `actor_role = 'guardian' AND actor_id IS NULL AND purpose LIKE '% ' || $1`,
            world.guardian.consentId,
          ]
        : ['actor_id = $1', route.endsWith('/confirm') ? world.confirming.id : world.userIds[role]];
    const rowsNaming = async (studentId: string): Promise<number> => {
      const [{ n }] = await db.query(
        `SELECT count(*)::int AS n FROM access_log
          WHERE ${byActor} AND student_ids @> ARRAY[$2::uuid]`,
        [actor, studentId],
      );
      return n;
    };
    const before = await rowsNaming(world.student.studentId);
    const { response, studentId } = await LOGGED[route].call(world, role);
    expect(response.status).toBeGreaterThanOrEqual(200);
    expect(response.status).toBeLessThan(300);
    expect(studentId).toEqual(expect.any(String));
    const wasNew = studentId !== world.student.studentId;
    expect(await rowsNaming(studentId)).toBeGreaterThan(wasNew ? 0 : before);
  });
});

/**
 * A student who applied to a host's slot in an open round and whose accepted
 * offer the host's other reviewer confirms; and a minor placed in the same round whose
 * guardian is asked to consent.
 */
async function buildWorld(app: INestApplication): Promise<World> {
  const make = new Factories(app);
  const db = app.get(DataSource);
  const school = await make.anOrganisation('school');
  const programme = await make.aProgramme(school.id);
  const [{ code }] = await db.query(`SELECT code FROM programmes WHERE id = $1`, [programme.id]);
  const host = await make.anOrganisation('employer');
  const coordinator = await make.aUser('coordinator', school);
  const reviewer = await make.aUser('reviewer', host);
  const confirming = await make.aUser('reviewer', host);
  const admin = await make.aUser('admin');
  const fullName = `Logget Elev ${Date.now()}`;
  const student = await make.aStudent(school, programme, { fullName });
  // Under 18 on the first day of the slot (1 February 2027).
  const minor = await make.aStudent(school, programme, { birthDate: '2010-03-01' });
  const slot = await make.aSlot(host, { capacity: 2 });

  // The placements: a round run and published through the api and the worker.
  const placedSlot = await make.aSlot(host, { capacity: 2 });
  const placedRound = await make.anOpenRound([{ id: placedSlot.id, seats: 2 }]);
  for (const applicant of [student, minor]) {
    await as(app, applicant.token)
      .put(`/api/rounds/${placedRound.id}/preferences`, { slotIds: [placedSlot.id] })
      .expect(200);
  }
  const asAdmin = as(app, admin.token);
  await asAdmin.post(`/api/rounds/${placedRound.id}/close`).expect(200);
  await asAdmin.post(`/api/rounds/${placedRound.id}/run`).expect(202);
  await eventually(async () => {
    const round = await asAdmin.get(`/api/rounds/${placedRound.id}`).expect(200);
    return round.body.status === 'matched' ? true : undefined;
  });
  await asAdmin.post(`/api/rounds/${placedRound.id}/publish`).expect(200);
  const offers = await as(app, student.token)
    .get(`/api/placements?roundId=${placedRound.id}`)
    .expect(200);
  const placementId = offers.body.items[0].id as string;
  await as(app, student.token).post(`/api/placements/${placementId}/accept`, {}).expect(200);
  const minorOffer = (
    await as(app, minor.token).get(`/api/placements?roundId=${placedRound.id}`).expect(200)
  ).body.items[0];
  await as(app, minor.token)
    .post(`/api/placements/${minorOffer.id}/accept`, {
      guardian: { name: 'Hanne Værge', email: `vaerge-${Date.now()}@test.example` },
    })
    .expect(200);
  // The link the guardian's e-mail would carry, added beside the request's own.
  const [{ id: consentId }] = await db.query(
    `SELECT id FROM guardian_consents WHERE placement_id = $1`,
    [minorOffer.id],
  );
  const link = newGuardianToken();
  await db.query(`INSERT INTO guardian_consent_links (token_hash, consent_id) VALUES ($1, $2)`, [
    link.hash,
    consentId,
  ]);

  // The open round the student applied to (after the placement, which allows no new ranking).
  const round = await make.anOpenRound([{ id: slot.id, seats: 2 }]);
  await db.query(
    `INSERT INTO preferences (round_id, student_id, slot_id, rank) VALUES ($1, $2, $3, 1)`,
    [round.id, student.studentId, slot.id],
  );
  return {
    app,
    tokens: { coordinator: coordinator.token, reviewer: reviewer.token, admin: admin.token },
    userIds: { coordinator: coordinator.id, reviewer: reviewer.id, admin: admin.id },
    student: { studentId: student.studentId!, userId: student.id, email: student.email, fullName },
    roundId: round.id,
    slotId: slot.id,
    placementId,
    placedRoundId: placedRound.id,
    confirming: { id: confirming.id, token: confirming.token },
    programmeCode: code,
    programmeId: programme.id,
    guardian: { studentId: minor.studentId!, consentId, token: link.token },
  };
}
