import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Factories } from '../support/factories';
import { startApi } from '../support/test-app';

/**
 * Every route of accounts, students, slots, programmes, a round's lists and admin, called by
 * every role, on its own and on another organisation's objects. A removed guard or scope turns
 * one named cell red. Denied cells also check that the answer leaks nothing of the target.
 */

type Role =
  | 'anonymous'
  | 'student A'
  | 'student B'
  | 'coordinator A'
  | 'coordinator B'
  | 'reviewer A'
  | 'reviewer B'
  | 'admin';

interface World {
  tokens: Record<Exclude<Role, 'anonymous'>, string>;
  schoolA: { id: string };
  employerA: { id: string };
  userB: { id: string };
  studentA: { id: string; fullName: string; email: string; birthDate: string };
  slotA: { id: string; title: string };
  closedSlotA: { id: string; title: string };
  freshSlotA: () => Promise<string>;
  /** Another student of school A, for cells that erase one. */
  freshStudentA: () => Promise<string>;
  programmeA: { id: string; code: string };
  /** A round with slot A in it, which student A ranked. */
  roundA: { id: string };
}

type Method = 'get' | 'post' | 'patch' | 'delete';

interface Cell {
  role: Role;
  method: Method;
  path: (w: World) => string | Promise<string>;
  body?: (w: World) => object;
  csv?: (w: World) => string;
  status: number;
  /** Tells apart several cells of one route and role. */
  note?: string;
  /** Strings of the target that must not appear in the answer. */
  hidden?: (w: World) => string[];
  /** Strings that must appear (the caller sees the target). */
  shown?: (w: World) => string[];
}

const ALL_ROLES: Role[] = [
  'anonymous',
  'student A',
  'student B',
  'coordinator A',
  'coordinator B',
  'reviewer A',
  'reviewer B',
  'admin',
];

/** Everything that identifies student A or employer A's closed slot. */
const targetData = (w: World) => [
  w.studentA.fullName,
  w.studentA.email,
  w.studentA.birthDate,
  w.closedSlotA.title,
];

const denied = (role: Role, status: number): Pick<Cell, 'role' | 'status' | 'hidden'> => ({
  role,
  status,
  hidden: targetData,
});

const newEmail = () => `matrix-${randomUUID().slice(0, 8)}@test.example`;
const studentBody = (w: World, extra: object = {}) => ({
  email: newEmail(),
  fullName: 'Matrix New',
  programmeId: w.programmeA.id,
  birthDate: '2008-01-01',
  availableFrom: '2027-02-01',
  availableTo: '2027-06-30',
  ...extra,
});
const slotBody = (extra: object = {}) => ({
  title: `Matrix slot ${randomUUID().slice(0, 8)}`,
  focusArea: 'green-transition',
  startsOn: '2027-02-01',
  endsOn: '2027-03-01',
  capacity: 1,
  ...extra,
});
const rosterCsv = (w: World) =>
  `name,email,programme,birthDate,availableFrom,availableTo\nM,${newEmail()},${w.programmeA.code},2008-01-01,2027-02-01,2027-06-30\n`;
const slotCsv = () =>
  `title,focusArea,startsOn,endsOn,capacity\nImported ${randomUUID().slice(0, 8)},green-transition,2027-02-01,2027-03-01,1\n`;

function byRole(
  roles: Role[],
  route: Omit<Cell, 'role' | 'status'>,
  status: (role: Role) => number,
  allowedChecks: Partial<Pick<Cell, 'hidden' | 'shown'>> = {},
): Cell[] {
  return roles.map((role) => {
    const code = status(role);
    return code >= 400
      ? { ...route, ...denied(role, code) }
      : { ...route, role, status: code, ...allowedChecks };
  });
}

const adminOnly = (route: Omit<Cell, 'role' | 'status'>, okStatus: number) =>
  byRole(ALL_ROLES, route, (role) =>
    role === 'anonymous' ? 401 : role === 'admin' ? okStatus : 403,
  );

const CELLS: Record<string, Cell[]> = {
  'GET /api/me': byRole(ALL_ROLES, { method: 'get', path: () => '/api/me' }, (role) =>
    role === 'anonymous' ? 401 : 200,
  ),
  'GET /api/students': [
    ...byRole(
      ALL_ROLES,
      { method: 'get', path: () => '/api/students?pageSize=100' },
      (role) =>
        ({
          anonymous: 401,
          'student A': 403,
          'student B': 403,
          'coordinator A': 200,
          'coordinator B': 200,
          'reviewer A': 403,
          'reviewer B': 403,
          admin: 200,
        })[role],
    ).map((cell) => (cell.role === 'coordinator B' ? { ...cell, hidden: targetData } : cell)),
    {
      role: 'coordinator A',
      note: 'lists student A',
      method: 'get',
      path: () => '/api/students?pageSize=100',
      status: 200,
      shown: (w) => [w.studentA.fullName],
    },
  ],
  'POST /api/students': byRole(
    ALL_ROLES,
    { method: 'post', path: () => '/api/students', body: (w) => studentBody(w) },
    (role) => (role === 'anonymous' ? 401 : role.startsWith('coordinator A') ? 201 : 403),
  )
    .filter((cell) => cell.role !== 'admin' && cell.role !== 'coordinator B')
    .concat([
      {
        role: 'admin',
        method: 'post',
        path: () => '/api/students',
        body: (w) => studentBody(w, { schoolId: w.schoolA.id }),
        status: 201,
      },
      {
        // Coordinator B may create students, but not with a programme of school A.
        ...denied('coordinator B', 400),
        note: "with school A's programme",
        method: 'post',
        path: () => '/api/students',
        body: (w) => studentBody(w),
      },
    ]),
  'POST /api/students/import': byRole(
    ALL_ROLES.filter((role) => role !== 'admin' && role !== 'coordinator B'),
    { method: 'post', path: () => '/api/students/import', csv: rosterCsv },
    (role) => (role === 'anonymous' ? 401 : role === 'coordinator A' ? 201 : 403),
  ).concat([
    {
      role: 'admin',
      method: 'post',
      path: (w) => `/api/students/import?schoolId=${w.schoolA.id}`,
      csv: rosterCsv,
      status: 201,
    },
  ]),
  'GET /api/students/:id': byRole(
    ALL_ROLES,
    { method: 'get', path: (w) => `/api/students/${w.studentA.id}` },
    (role) =>
      ({
        anonymous: 401,
        'student A': 200,
        'student B': 404,
        'coordinator A': 200,
        'coordinator B': 404,
        'reviewer A': 200,
        'reviewer B': 404,
        admin: 200,
      })[role],
    { shown: (w) => [w.studentA.fullName, w.studentA.email, w.studentA.birthDate] },
  ).map((cell) =>
    cell.role === 'reviewer A'
      ? {
          ...cell,
          shown: (w: World) => [w.studentA.fullName],
          hidden: (w: World) => [w.studentA.email, w.studentA.birthDate],
        }
      : cell,
  ),
  'PATCH /api/students/:id': byRole(
    ALL_ROLES,
    {
      method: 'patch',
      path: (w) => `/api/students/${w.studentA.id}`,
      body: () => ({ motivation: 'Matrix' }),
    },
    (role) =>
      ({
        anonymous: 401,
        'student A': 200,
        'student B': 404,
        'coordinator A': 200,
        'coordinator B': 404,
        'reviewer A': 403,
        'reviewer B': 403,
        admin: 200,
      })[role],
  ),
  'GET /api/slots': [
    ...byRole(ALL_ROLES, { method: 'get', path: () => '/api/slots?pageSize=100' }, (role) =>
      role === 'anonymous' ? 401 : 200,
    ),
    // Slot A is open to programme A only, and reviewers see their own organisation's slots.
    ...(['student B', 'reviewer B'] as Role[]).map((role): Cell => ({
      role,
      note: 'without slot A',
      method: 'get',
      path: () => '/api/slots?pageSize=100',
      status: 200,
      hidden: (w) => [w.slotA.title],
    })),
    ...(['student A', 'reviewer A'] as Role[]).map((role): Cell => ({
      role,
      note: 'with slot A',
      method: 'get',
      path: (w) => `/api/slots?organisationId=${w.employerA.id}&pageSize=100`,
      status: 200,
      shown: (w) => [w.slotA.title],
    })),
    ...(['coordinator A', 'student A', 'reviewer B'] as Role[]).map((role): Cell => ({
      role,
      note: 'without the closed slot A',
      method: 'get',
      path: () => '/api/slots?status=closed&pageSize=100',
      status: 200,
      hidden: (w) => [w.closedSlotA.title],
    })),
    {
      role: 'reviewer A',
      note: 'with the closed slot A',
      method: 'get',
      path: () => '/api/slots?status=closed&pageSize=100',
      status: 200,
      shown: (w) => [w.closedSlotA.title],
    },
  ],
  'GET /api/programmes': byRole(
    ALL_ROLES,
    { method: 'get', path: (w) => `/api/programmes?schoolId=${w.schoolA.id}` },
    (role) => (role === 'anonymous' ? 401 : 200),
    { shown: (w) => [w.programmeA.id, w.programmeA.code] },
  ),
  'GET /api/rounds/:id/slots': byRole(
    ALL_ROLES,
    { method: 'get', path: (w) => `/api/rounds/${w.roundA.id}/slots?pageSize=100` },
    (role) => (role === 'anonymous' ? 401 : 200),
    { shown: (w) => [w.slotA.title] },
  ).map((cell) =>
    // Slot A is open to programme A only, and reviewers see their own organisation's slots.
    cell.role === 'student B' || cell.role === 'reviewer B'
      ? { ...cell, shown: undefined, hidden: (w: World) => [w.slotA.title] }
      : cell,
  ),
  'GET /api/rounds/:id/students': byRole(
    ALL_ROLES,
    { method: 'get', path: (w) => `/api/rounds/${w.roundA.id}/students?pageSize=100` },
    (role) =>
      role === 'anonymous' ? 401 : role.startsWith('coordinator') || role === 'admin' ? 200 : 403,
    { shown: (w) => [w.studentA.id] },
  ).map((cell) =>
    cell.role === 'coordinator B' || cell.status >= 400
      ? { ...cell, shown: undefined, hidden: (w: World) => [...targetData(w), w.studentA.id] }
      : cell,
  ),
  'POST /api/slots': byRole(
    ALL_ROLES.filter((role) => role !== 'admin'),
    { method: 'post', path: () => '/api/slots', body: () => slotBody() },
    (role) => (role === 'anonymous' ? 401 : role.startsWith('reviewer') ? 201 : 403),
  ).concat([
    {
      role: 'admin',
      method: 'post',
      path: () => '/api/slots',
      body: (w) => slotBody({ organisationId: w.employerA.id }),
      status: 201,
    },
  ]),
  'POST /api/slots/import': byRole(
    ALL_ROLES.filter((role) => role !== 'admin'),
    { method: 'post', path: () => '/api/slots/import', csv: slotCsv },
    (role) => (role === 'anonymous' ? 401 : role.startsWith('reviewer') ? 201 : 403),
  ).concat([
    {
      role: 'admin',
      method: 'post',
      path: (w) => `/api/slots/import?organisationId=${w.employerA.id}`,
      csv: slotCsv,
      status: 201,
    },
  ]),
  'GET /api/slots/:id (open)': byRole(
    ALL_ROLES,
    { method: 'get', path: (w) => `/api/slots/${w.slotA.id}` },
    // Reviewers work with their own organisation's slots only.
    (role) => (role === 'anonymous' ? 401 : role === 'reviewer B' ? 404 : 200),
  ),
  'GET /api/slots/:id (closed)': byRole(
    ALL_ROLES,
    { method: 'get', path: (w) => `/api/slots/${w.closedSlotA.id}` },
    (role) => (role === 'anonymous' ? 401 : role === 'reviewer A' || role === 'admin' ? 200 : 404),
    { shown: (w) => [w.closedSlotA.title] },
  ),
  'PATCH /api/slots/:id': byRole(
    ALL_ROLES,
    {
      method: 'patch',
      path: (w) => `/api/slots/${w.closedSlotA.id}`,
      body: () => ({ description: 'Matrix' }),
    },
    (role) =>
      role === 'anonymous'
        ? 401
        : role === 'reviewer A' || role === 'admin'
          ? 200
          : role === 'reviewer B'
            ? 404
            : 403,
  ),
  'DELETE /api/slots/:id': byRole(
    ALL_ROLES,
    { method: 'delete', path: (w) => w.freshSlotA().then((id) => `/api/slots/${id}`) },
    (role) =>
      role === 'anonymous'
        ? 401
        : role === 'reviewer A' || role === 'admin'
          ? 200
          : role === 'reviewer B'
            ? 404
            : 403,
  ),
  'GET /api/students/:id/export': byRole(
    ALL_ROLES,
    { method: 'get', path: (w) => `/api/students/${w.studentA.id}/export` },
    (role) =>
      role === 'anonymous'
        ? 401
        : role === 'student A' || role === 'admin'
          ? 200
          : role === 'student B'
            ? 404
            : 403,
    { shown: (w) => [w.studentA.fullName, w.studentA.email] },
  ),
  // Student A erasing themself is tested in test/privacy: here it would erase the matrix's student.
  'DELETE /api/students/:id': byRole(
    ALL_ROLES.filter((role) => role !== 'student A'),
    { method: 'delete', path: (w) => w.freshStudentA().then((id) => `/api/students/${id}`) },
    (role) =>
      role === 'anonymous'
        ? 401
        : role === 'coordinator A' || role === 'admin'
          ? 204
          : role.startsWith('reviewer')
            ? 403
            : 404,
  ),
  'GET /api/admin/organisations': adminOnly(
    { method: 'get', path: () => '/api/admin/organisations' },
    200,
  ),
  'POST /api/admin/organisations': adminOnly(
    {
      method: 'post',
      path: () => '/api/admin/organisations',
      body: () => {
        const slug = `matrix-${randomUUID().slice(0, 8)}`;
        return { name: slug, kind: 'network', slug };
      },
    },
    201,
  ),
  'PATCH /api/admin/organisations/:id': adminOnly(
    {
      method: 'patch',
      path: (w) => `/api/admin/organisations/${w.schoolA.id}`,
      body: () => ({ description: 'Matrix' }),
    },
    200,
  ),
  'GET /api/admin/users': adminOnly({ method: 'get', path: () => '/api/admin/users' }, 200),
  'POST /api/admin/users': adminOnly(
    {
      method: 'post',
      path: () => '/api/admin/users',
      body: () => ({ email: newEmail(), displayName: 'M', role: 'admin' }),
    },
    201,
  ),
  'PATCH /api/admin/users/:id': adminOnly(
    {
      method: 'patch',
      path: (w) => `/api/admin/users/${w.userB.id}`,
      body: () => ({ displayName: 'Matrix' }),
    },
    200,
  ),
};

const TABLE = Object.entries(CELLS).flatMap(([route, cells]) =>
  cells.map((cell) => {
    const note = cell.note ? ` (${cell.note})` : '';
    return [`${route} as ${cell.role}${note} → ${cell.status}`, cell] as const;
  }),
);

describe('authorization matrix', () => {
  let app: INestApplication;
  let world: World;

  beforeAll(async () => {
    app = await startApi();
    world = await seed(app);
  });

  afterAll(() => app.close());

  it.each(TABLE)('%s', async (_name, cell) => {
    const call = request(app.getHttpServer())[cell.method](await cell.path(world));
    if (cell.role !== 'anonymous') call.set('Authorization', `Bearer ${world.tokens[cell.role]}`);
    if (cell.csv) call.attach('file', Buffer.from(cell.csv(world)), 'file.csv');
    else if (cell.body) call.send(cell.body(world));
    const response = await call;
    expect({ status: response.status, body: response.body }).toMatchObject({
      status: cell.status,
    });
    const text = JSON.stringify(response.body);
    for (const secret of cell.hidden?.(world) ?? []) expect(text).not.toContain(secret);
    for (const visible of cell.shown?.(world) ?? []) expect(text).toContain(visible);
  });
});

async function seed(app: INestApplication): Promise<World> {
  const make = new Factories(app);
  const db = app.get(DataSource);
  const stamp = randomUUID().slice(0, 8);
  const schoolA = await make.anOrganisation('school');
  const schoolB = await make.anOrganisation('school');
  const employerA = await make.anOrganisation('employer');
  const employerB = await make.anOrganisation('employer');
  const programmeOfA = await make.aProgramme(schoolA.id);
  const [{ code }] = await db.query(`SELECT code FROM programmes WHERE id = $1`, [programmeOfA.id]);
  const studentA = await make.aStudent(schoolA, programmeOfA, {
    fullName: `Asta Matrix ${stamp}`,
    birthDate: '2006-11-23',
  });
  const studentB = await make.aStudent(schoolB, await make.aProgramme(schoolB.id));
  const reviewerB = await make.aUser('reviewer', employerB);
  const slotA = await make.aSlot(employerA, {
    title: `Open slot A ${stamp}`,
    programmeIds: [programmeOfA.id],
  });
  const closedSlotA = await make.aSlot(employerA, {
    title: `Closed slot A ${stamp}`,
    status: 'closed',
  });
  await make.aSlot(employerB, { title: `Slot B ${stamp}` });
  const roundA = await rankInRound(db, studentA.studentId!, slotA.id, stamp);

  return {
    tokens: {
      'student A': studentA.token,
      'student B': studentB.token,
      'coordinator A': (await make.aUser('coordinator', schoolA)).token,
      'coordinator B': (await make.aUser('coordinator', schoolB)).token,
      'reviewer A': (await make.aUser('reviewer', employerA)).token,
      'reviewer B': reviewerB.token,
      admin: (await make.aUser('admin')).token,
    },
    schoolA,
    employerA,
    userB: reviewerB,
    studentA: {
      id: studentA.studentId!,
      fullName: `Asta Matrix ${stamp}`,
      email: studentA.email,
      birthDate: '2006-11-23',
    },
    slotA: { id: slotA.id, title: `Open slot A ${stamp}` },
    closedSlotA: { id: closedSlotA.id, title: `Closed slot A ${stamp}` },
    freshSlotA: async () => (await make.aSlot(employerA)).id,
    freshStudentA: async () => (await make.aStudent(schoolA, programmeOfA)).studentId!,
    programmeA: { id: programmeOfA.id, code },
    roundA,
  };
}

/** Student A ranks slot A in a round: that makes them an applicant of employer A. */
async function rankInRound(
  db: DataSource,
  studentId: string,
  slotId: string,
  stamp: string,
): Promise<{ id: string }> {
  const [round] = await db.query(
    `INSERT INTO rounds (name, preferences_open_at, preferences_close_at, seed)
     VALUES ($1, now(), now() + interval '7 days', $1) RETURNING id`,
    [`Matrix round ${stamp}`],
  );
  await db.query(`INSERT INTO round_slots (round_id, slot_id, seats) VALUES ($1, $2, 1)`, [
    round.id,
    slotId,
  ]);
  await db.query(
    `INSERT INTO preferences (round_id, student_id, slot_id, rank) VALUES ($1, $2, $3, 1)`,
    [round.id, studentId, slotId],
  );
  return { id: round.id };
}
