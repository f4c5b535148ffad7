import { INestApplication } from '@nestjs/common';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
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
  /** An open round with slot A in it, which student A ranked: a host may mark applicants. */
  openRoundA: { id: string };
  /** A draft round of its own, for cells that delete one. */
  freshDraft: () => Promise<string>;
  /** A staff account of its own, for the cells that deactivate one. */
  staffC: { id: string };
  /** A new account of the role, for cells that end the caller's sessions. */
  freshCaller: (role: Exclude<Role, 'anonymous'>) => Promise<string>;
  /** Student A is under 18 and accepted slot A naming this guardian; the link's token. */
  guardianA: { name: string; email: string; token: string };
  /**
   * A confirmed placement at employer A whose period has ended, with an outcome, of another
   * student of school A (an intern's e-mail is shown to the host, student A's must not be).
   */
  endedPlacementA: { id: string; studentToken: string };
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

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
  /** Called with a new account of the role (the cell ends the caller's sessions). */
  freshCaller?: boolean;
  /** Called with this token instead of the role's (a student of the role's school). */
  token?: (w: World) => string;
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

/** Hiring needs of employer A: its reviewers and admins alone. */
const hiringNeedsStatus = (okStatus: number) => (role: Role) =>
  role === 'anonymous' ? 401 : role === 'reviewer A' || role === 'admin' ? okStatus : 403;

const guardianData = (w: World) => [w.guardianA.name, w.guardianA.email];
const forgedToken = 'A'.repeat(43);

const CELLS: Record<string, Cell[]> = {
  // Who sees what of a placement awaiting a guardian: the student whom they named, staff of
  // the school and admins the state only, the host only the status; nobody else anything.
  'GET /api/placements': byRole(
    ALL_ROLES,
    { method: 'get', path: (w) => `/api/placements?roundId=${w.roundA.id}` },
    (role) => (role === 'anonymous' ? 401 : 200),
  ).map((cell) => {
    if (cell.status !== 200) return cell;
    if (cell.role === 'student A')
      return { ...cell, shown: (w) => [...guardianData(w), 'awaiting'] };
    if (['coordinator A', 'admin'].includes(cell.role)) {
      return {
        ...cell,
        shown: (w) => [w.studentA.fullName, 'awaiting_guardian', '"state":"awaiting"'],
        hidden: guardianData,
      };
    }
    if (cell.role === 'reviewer A') {
      return {
        ...cell,
        shown: (w) => [w.studentA.fullName, 'awaiting_guardian'],
        hidden: (w) => [...guardianData(w), 'guardianConsent"', w.studentA.birthDate],
      };
    }
    return { ...cell, hidden: (w) => [...targetData(w), ...guardianData(w), 'awaiting'] };
  }),
  // The guardian's routes need no account: the token alone decides, whoever sends it.
  'POST /api/guardian-consent/offer': [
    ...byRole(
      ALL_ROLES,
      {
        method: 'post',
        path: () => '/api/guardian-consent/offer',
        body: (w) => ({ token: w.guardianA.token }),
      },
      () => 200,
      {
        shown: (w) => [w.studentA.fullName, w.guardianA.name, w.slotA.title],
        hidden: (w) => [w.guardianA.email, w.studentA.email, w.studentA.birthDate],
      },
    ),
    ...byRole(
      ALL_ROLES,
      {
        method: 'post',
        path: () => '/api/guardian-consent/offer',
        body: () => ({ token: forgedToken }),
        note: 'forged token',
      },
      () => 404,
    ).map((cell) => ({ ...cell, hidden: (w: World) => [...targetData(w), ...guardianData(w)] })),
  ],
  'POST /api/guardian-consent/answer': byRole(
    ALL_ROLES,
    {
      method: 'post',
      path: () => '/api/guardian-consent/answer',
      body: () => ({ token: forgedToken, decision: 'confirm' }),
      note: 'forged token',
    },
    () => 404,
  ).map((cell) => ({ ...cell, hidden: (w: World) => [...targetData(w), ...guardianData(w)] })),
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
  'GET /api/students?format=csv|xlsx': [
    ...(['csv', 'xlsx'] as const).flatMap((format) =>
      byRole(
        ALL_ROLES,
        { method: 'get', path: () => `/api/students?format=${format}`, note: format },
        (role) =>
          role === 'anonymous'
            ? 401
            : role.startsWith('coordinator') || role === 'admin'
              ? 200
              : 403,
      ).map((cell) => (cell.role === 'coordinator B' ? { ...cell, hidden: targetData } : cell)),
    ),
    {
      role: 'coordinator A',
      note: 'lists student A',
      method: 'get',
      path: () => '/api/students?format=csv',
      status: 200,
      shown: (w) => [w.studentA.fullName, w.studentA.email],
    },
  ],
  'GET /api/me/todos': byRole(
    ALL_ROLES,
    { method: 'get', path: () => '/api/me/todos' },
    (role) => (role === 'anonymous' ? 401 : 200),
    { hidden: targetData },
  ),
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
  'GET /api/rounds/:id/slots-left-out': byRole(
    ALL_ROLES,
    { method: 'get', path: (w) => `/api/rounds/${w.roundA.id}/slots-left-out?pageSize=100` },
    (role) => (role === 'anonymous' ? 401 : role.startsWith('student') ? 200 : 403),
  ),
  // Round A is a draft: its terms may change, and opening it can be previewed.
  'GET /api/rounds/:id/opening-preview': adminOnly(
    { method: 'get', path: (w) => `/api/rounds/${w.roundA.id}/opening-preview` },
    200,
  ),
  'PATCH /api/rounds/:id': adminOnly(
    {
      method: 'patch',
      path: (w) => `/api/rounds/${w.roundA.id}`,
      body: () => ({ offerAnswerDays: 7 }),
    },
    200,
  ),
  'DELETE /api/rounds/:id': adminOnly(
    { method: 'delete', path: (w) => w.freshDraft().then((id) => `/api/rounds/${id}`) },
    204,
  ),
  // Only the slot's host (and admins) may mark its applicants; another host's slot is unknown.
  ...Object.fromEntries(
    (['put', 'delete'] as const).map((method) => [
      `${method.toUpperCase()} /api/rounds/:id/slots/:slotId/applicants/:studentId/not-acceptable`,
      byRole(
        ALL_ROLES,
        {
          method,
          path: (w: World) =>
            `/api/rounds/${w.openRoundA.id}/slots/${w.slotA.id}/applicants/${w.studentA.id}/not-acceptable`,
        },
        (role) =>
          role === 'anonymous'
            ? 401
            : role === 'reviewer A' || role === 'admin'
              ? 200
              : role === 'reviewer B'
                ? 404
                : 403,
        { shown: (w) => [w.studentA.fullName], hidden: (w) => [w.studentA.birthDate] },
      ),
    ]),
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
  'GET /api/students/:id/overview': byRole(
    ALL_ROLES,
    { method: 'get', path: (w) => `/api/students/${w.studentA.id}/overview` },
    (role) =>
      ({
        anonymous: 401,
        'student A': 403,
        'student B': 403,
        'coordinator A': 200,
        'coordinator B': 404,
        'reviewer A': 403,
        'reviewer B': 403,
        admin: 200,
      })[role],
    { shown: (w) => [w.studentA.fullName, w.studentA.email, w.roundA.id] },
  ),
  'POST /api/students/:id/invitation': byRole(
    ALL_ROLES,
    { method: 'post', path: (w) => `/api/students/${w.studentA.id}/invitation` },
    (role) =>
      ({
        anonymous: 401,
        'student A': 403,
        'student B': 403,
        'coordinator A': 200,
        'coordinator B': 404,
        'reviewer A': 403,
        'reviewer B': 403,
        admin: 200,
      })[role],
  ),
  // Each coordinator for their own school: B's answer counts B's students alone.
  'POST /api/students/invitations': byRole(
    ALL_ROLES,
    { method: 'post', path: () => '/api/students/invitations' },
    (role) => (role === 'anonymous' ? 401 : role.startsWith('coordinator') ? 200 : 403),
  ),
  'POST /api/students/import/preview': byRole(
    ALL_ROLES.filter((role) => role !== 'admin' && role !== 'coordinator B'),
    { method: 'post', path: () => '/api/students/import/preview', csv: rosterCsv },
    (role) => (role === 'anonymous' ? 401 : role === 'coordinator A' ? 200 : 403),
  ).concat([
    {
      role: 'admin',
      method: 'post',
      path: (w) => `/api/students/import/preview?schoolId=${w.schoolA.id}`,
      csv: rosterCsv,
      status: 200,
    },
    {
      // School A's programme is no programme of coordinator B's school.
      ...denied('coordinator B', 400),
      method: 'post',
      path: () => '/api/students/import/preview',
      csv: rosterCsv,
    },
  ]),
  'POST /api/rounds/:id/students/reminders': byRole(
    ALL_ROLES,
    { method: 'post', path: (w) => `/api/rounds/${w.openRoundA.id}/students/reminders` },
    (role) => (role === 'anonymous' ? 401 : role.startsWith('coordinator') ? 200 : 403),
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
  'POST /api/admin/users/:id/deactivate': adminOnly(
    { method: 'post', path: (w) => `/api/admin/users/${w.staffC.id}/deactivate` },
    200,
  ),
  'POST /api/admin/users/:id/reactivate': adminOnly(
    { method: 'post', path: (w) => `/api/admin/users/${w.staffC.id}/reactivate` },
    200,
  ),
  'GET /api/admin/users/throttled': adminOnly(
    { method: 'get', path: () => '/api/admin/users/throttled' },
    200,
  ),
  'POST /api/auth/logout': byRole(
    ALL_ROLES,
    { method: 'post', path: () => '/api/auth/logout', freshCaller: true },
    (role) => (role === 'anonymous' ? 401 : 204),
  ),
  'POST /api/auth/logout-all': byRole(
    ALL_ROLES,
    { method: 'post', path: () => '/api/auth/logout-all', freshCaller: true },
    (role) => (role === 'anonymous' ? 401 : 204),
  ),
  'POST /api/auth/change-password': byRole(
    ALL_ROLES,
    {
      method: 'post',
      path: () => '/api/auth/change-password',
      body: () => ({ currentPassword: 'not the password', newPassword: 'a new long passphrase' }),
      note: 'wrong current password',
    },
    (role) => (role === 'anonymous' ? 401 : 400),
  ),
  'GET /api/organizations/:id/hiring-needs': byRole(
    ALL_ROLES,
    { method: 'get', path: (w) => `/api/organizations/${w.employerA.id}/hiring-needs` },
    hiringNeedsStatus(200),
  ),
  'PUT /api/organizations/:id/hiring-needs': byRole(
    ALL_ROLES,
    {
      method: 'put',
      path: (w) => `/api/organizations/${w.employerA.id}/hiring-needs`,
      body: (w) => ({ items: [{ programmeId: w.programmeA.id, year: 2028, count: 3 }] }),
    },
    hiringNeedsStatus(200),
  ),
  'POST /api/organizations/:id/hiring-needs/import': byRole(
    ALL_ROLES,
    {
      method: 'post',
      path: (w) => `/api/organizations/${w.employerA.id}/hiring-needs/import`,
      csv: (w) => `programme,year,count\n${w.programmeA.code},2029,2\n`,
    },
    hiringNeedsStatus(201),
  ),
  'GET /api/placements/:id/outcome': byRole(
    ALL_ROLES,
    { method: 'get', path: (w) => `/api/placements/${w.endedPlacementA.id}/outcome` },
    (role) =>
      role === 'anonymous'
        ? 401
        : ['coordinator A', 'reviewer A', 'admin'].includes(role)
          ? 200
          : 404,
    { shown: () => ['"jobOffer":"none"'] },
  )
    .map((cell) =>
      cell.status === 404
        ? { ...cell, hidden: (w: World) => [...targetData(w), 'jobOffer'] }
        : cell,
    )
    .concat([
      {
        role: 'student A',
        note: 'the placement’s own student',
        token: (w) => w.endedPlacementA.studentToken,
        method: 'get',
        path: (w) => `/api/placements/${w.endedPlacementA.id}/outcome`,
        status: 200,
        shown: () => ['"jobOffer":"none"'],
      },
    ]),
  'PUT /api/placements/:id/outcome': byRole(
    ALL_ROLES,
    {
      method: 'put',
      path: (w) => `/api/placements/${w.endedPlacementA.id}/outcome`,
      body: () => ({ completed: true, jobOffer: 'none' }),
    },
    (role) =>
      role === 'anonymous' ? 401 : role === 'reviewer A' ? 200 : role === 'reviewer B' ? 404 : 403,
  ),
  'POST /api/placements/:id/outcome/contest': byRole(
    ALL_ROLES,
    {
      method: 'post',
      path: (w) => `/api/placements/${w.endedPlacementA.id}/outcome/contest`,
      body: () => ({ reason: 'Matrix' }),
    },
    (role) => (role === 'anonymous' ? 401 : role.startsWith('student') ? 404 : 403),
  ).concat([
    {
      role: 'student A',
      note: 'the placement’s own student',
      token: (w) => w.endedPlacementA.studentToken,
      method: 'post',
      path: (w) => `/api/placements/${w.endedPlacementA.id}/outcome/contest`,
      body: () => ({ reason: 'Matrix' }),
      status: 200,
    },
  ]),
  // Everyone signed in has a list; each sees only the placements in their scope.
  'GET /api/outcomes': byRole(
    ALL_ROLES,
    { method: 'get', path: () => '/api/outcomes?pageSize=100' },
    (role) => (role === 'anonymous' ? 401 : 200),
  )
    .map((cell) =>
      cell.role === 'admin' || cell.role === 'anonymous'
        ? cell
        : ['coordinator A', 'reviewer A'].includes(cell.role)
          ? { ...cell, shown: (w: World) => [w.endedPlacementA.id] }
          : { ...cell, hidden: (w: World) => [...targetData(w), w.endedPlacementA.id] },
    )
    .concat([
      {
        role: 'student A',
        note: 'the placement’s own student',
        token: (w) => w.endedPlacementA.studentToken,
        method: 'get',
        path: () => '/api/outcomes',
        status: 200,
        shown: (w) => [w.endedPlacementA.id, '"jobOffer":"none"'],
      },
    ]),
  // The answer is alike whoever the address belongs to; B's coordinator names A's programme.
  'POST /api/students/enrolments': byRole(
    ALL_ROLES,
    {
      method: 'post',
      path: () => '/api/students/enrolments',
      body: (w) => ({ email: w.studentA.email, programmeId: w.programmeA.id }),
    },
    (role) =>
      role === 'anonymous'
        ? 401
        : role === 'coordinator A'
          ? 202
          : role === 'coordinator B'
            ? 400
            : 403,
    { hidden: targetData },
  ),
  'GET /api/me/enrolments': byRole(
    ALL_ROLES,
    { method: 'get', path: () => '/api/me/enrolments' },
    (role) => (role === 'anonymous' ? 401 : role.startsWith('student') ? 200 : 403),
  ),
  'POST /api/me/enrolments/:id/confirm': byRole(
    ALL_ROLES,
    { method: 'post', path: () => `/api/me/enrolments/${randomUUID()}/confirm` },
    (role) => (role === 'anonymous' ? 401 : role.startsWith('student') ? 404 : 403),
  ),
  'POST /api/me/enrolments/:id/decline': byRole(
    ALL_ROLES,
    { method: 'post', path: () => `/api/me/enrolments/${randomUUID()}/decline` },
    (role) => (role === 'anonymous' ? 401 : role.startsWith('student') ? 404 : 403),
  ),
  'GET /api/reports/school-transitions': byRole(
    ALL_ROLES,
    { method: 'get', path: () => '/api/reports/school-transitions?year=2026' },
    (role) =>
      role === 'anonymous'
        ? 401
        : role.startsWith('student') || role.startsWith('reviewer')
          ? 403
          : 200,
  ),
  'GET /api/reports/supply-demand': byRole(
    ALL_ROLES,
    { method: 'get', path: () => '/api/reports/supply-demand?year=2027' },
    (role) => (role === 'anonymous' ? 401 : role.startsWith('student') ? 403 : 200),
  ),
  'GET /api/reports/pipeline': byRole(
    ALL_ROLES,
    { method: 'get', path: () => '/api/reports/pipeline?groupBy=school&cohort=2027' },
    (role) => (role === 'anonymous' ? 401 : role.startsWith('student') ? 403 : 200),
    { hidden: targetData },
  ),
  'GET /api/reports/supply-demand?format=xlsx': byRole(
    ALL_ROLES,
    { method: 'get', path: () => '/api/reports/supply-demand?year=2027&format=xlsx' },
    (role) => (role === 'anonymous' ? 401 : role.startsWith('student') ? 403 : 200),
  ),
  'GET /api/reports/pipeline?format=csv': byRole(
    ALL_ROLES,
    { method: 'get', path: () => '/api/reports/pipeline?groupBy=school&cohort=2027&format=csv' },
    (role) => (role === 'anonymous' ? 401 : role.startsWith('student') ? 403 : 200),
    { hidden: targetData },
  ),
  'GET /api/reports/school-transitions?format=csv': byRole(
    ALL_ROLES,
    { method: 'get', path: () => '/api/reports/school-transitions?year=2026&format=csv' },
    (role) =>
      role === 'anonymous'
        ? 401
        : role.startsWith('student') || role.startsWith('reviewer')
          ? 403
          : 200,
  ),
  'GET /api/reports/placements?format=xlsx': byRole(
    ALL_ROLES,
    { method: 'get', path: () => '/api/reports/placements?groupBy=school&format=xlsx' },
    (role) =>
      role === 'anonymous' ? 401 : role.startsWith('coordinator') || role === 'admin' ? 200 : 403,
  ),
  'GET /api/rounds/:id/demand?format=csv': byRole(
    ALL_ROLES,
    { method: 'get', path: (w) => `/api/rounds/${w.roundA.id}/demand?format=csv` },
    (role) =>
      role === 'anonymous' ? 401 : role.startsWith('reviewer') || role === 'admin' ? 200 : 403,
  ),
  'GET /api/rounds/:id/slots/:slotId/applicants': byRole(
    ALL_ROLES,
    { method: 'get', path: (w) => `/api/rounds/${w.openRoundA.id}/slots/${w.slotA.id}/applicants` },
    (role) =>
      role === 'anonymous'
        ? 401
        : role === 'reviewer A' || role === 'admin'
          ? 200
          : role === 'reviewer B'
            ? 404
            : 403,
  ).map((cell) =>
    cell.status === 200 ? { ...cell, shown: (w: World) => [w.studentA.fullName] } : cell,
  ),
  'GET /api/admin/notifications/failed': adminOnly(
    { method: 'get', path: () => '/api/admin/notifications/failed' },
    200,
  ),
  'GET /api/me/follow-up-consent': byRole(
    ALL_ROLES,
    { method: 'get', path: () => '/api/me/follow-up-consent' },
    (role) => (role === 'anonymous' ? 401 : role.startsWith('student') ? 200 : 403),
  ),
  'PUT /api/me/follow-up-consent': byRole(
    ALL_ROLES,
    {
      method: 'put',
      path: () => '/api/me/follow-up-consent',
      body: () => ({ consented: false }),
    },
    (role) => (role === 'anonymous' ? 401 : role.startsWith('student') ? 200 : 403),
  ),
  // The follow-up form needs no account: the token alone decides, whoever sends it.
  'POST /api/follow-ups/form': byRole(
    ALL_ROLES,
    {
      method: 'post',
      path: () => '/api/follow-ups/form',
      body: () => ({ token: forgedToken }),
      note: 'forged token',
    },
    () => 404,
    { hidden: targetData },
  ),
  'POST /api/follow-ups/answer': byRole(
    ALL_ROLES,
    {
      method: 'post',
      path: () => '/api/follow-ups/answer',
      body: () => ({ token: forgedToken, situation: 'elsewhere' }),
      note: 'forged token',
    },
    () => 404,
    { hidden: targetData },
  ),
  'POST /api/me/notifications/read-all': byRole(
    ALL_ROLES,
    { method: 'post', path: () => '/api/me/notifications/read-all' },
    (role) => (role === 'anonymous' ? 401 : 200),
  ),
  // Every signed-in user has e-mail settings of their own, and only their own.
  'GET /api/me/email-settings': byRole(
    ALL_ROLES,
    { method: 'get', path: () => '/api/me/email-settings' },
    (role) => (role === 'anonymous' ? 401 : 200),
  ),
  'PUT /api/me/email-settings': byRole(
    ALL_ROLES,
    {
      method: 'put',
      path: () => '/api/me/email-settings',
      body: () => ({ topics: [{ topic: 'reports', email: true }] }),
    },
    (role) => (role === 'anonymous' ? 401 : 200),
  ),
  // "Forgotten password" needs no sign-in and answers alike for every caller and address.
  'POST /api/auth/forgot-password': byRole(
    ALL_ROLES,
    {
      method: 'post',
      path: () => '/api/auth/forgot-password',
      body: (w) => ({ email: w.studentA.email }),
    },
    () => 202,
    { hidden: (w) => [w.studentA.email, w.studentA.fullName] },
  ),
  'POST /api/auth/reset-password': byRole(
    ALL_ROLES,
    {
      method: 'post',
      path: () => '/api/auth/reset-password',
      body: () => ({ token: forgedToken, password: 'a new long passphrase' }),
      note: 'forged token',
    },
    () => 400,
  ),
};

/**
 * The same cells asking for a file: the same status for every role, and nothing a cell hides
 * in the JSON appears in the CSV either. What a file shows is checked in test/reports.
 */
const asFile = (route: string, formats: readonly ('csv' | 'xlsx')[] = ['csv', 'xlsx']) =>
  formats.flatMap((format) =>
    CELLS[route].map(({ shown: _shown, ...cell }): Cell => ({
      ...cell,
      note: cell.note ? `${cell.note}, ${format}` : format,
      path: async (w) => {
        const path = await cell.path(w);
        return `${path}${path.includes('?') ? '&' : '?'}format=${format}`;
      },
    })),
  );

// Every list that can be downloaded, with the same answer per role as its JSON.
for (const route of [
  'GET /api/placements',
  'GET /api/slots',
  'GET /api/outcomes',
  'GET /api/admin/users',
  'GET /api/admin/organisations',
  'GET /api/admin/notifications/failed',
  'GET /api/organizations/:id/hiring-needs',
  'GET /api/rounds/:id/slots/:slotId/applicants',
]) {
  CELLS[`${route}?format=csv|xlsx`] = asFile(route);
}
// Student A's round is a draft: the list shows everyone as pending.
CELLS['GET /api/students?roundId=&status='] = byRole(
  ALL_ROLES,
  {
    method: 'get',
    path: (w) => `/api/students?roundId=${w.roundA.id}&status=pending&format=csv`,
  },
  (role) =>
    role === 'anonymous' ? 401 : role.startsWith('coordinator') || role === 'admin' ? 200 : 403,
).map((cell) =>
  cell.role === 'coordinator A' || cell.role === 'admin'
    ? { ...cell, shown: (w: World) => [w.studentA.fullName] }
    : { ...cell, hidden: targetData },
);
CELLS['GET /api/students?status= without roundId'] = [
  {
    role: 'coordinator A',
    method: 'get',
    path: () => '/api/students?status=waiting',
    status: 400,
  },
];

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
    if (cell.role !== 'anonymous') {
      const token = cell.token
        ? cell.token(world)
        : cell.freshCaller
          ? await world.freshCaller(cell.role)
          : world.tokens[cell.role];
      call.set('Authorization', `Bearer ${token}`);
    }
    if (cell.csv) call.attach('file', Buffer.from(cell.csv(world)), 'file.csv');
    else if (cell.body) call.send(cell.body(world));
    const response = await call;
    expect({ status: response.status, body: response.body }).toMatchObject({
      status: cell.status,
    });
    // A downloaded CSV is text, not a JSON body: both are searched.
    const text = JSON.stringify(response.body) + (response.text ?? '');
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
  const guardianA = await awaitGuardian(db, roundA.id, studentA.studentId!, slotA.id, stamp);
  const openRoundA = await make.anOpenRound([{ id: slotA.id }], `Matrix open round ${stamp}`);
  await db.query(
    `INSERT INTO preferences (round_id, student_id, slot_id, rank) VALUES ($1, $2, $3, 1)`,
    [openRoundA.id, studentA.studentId, slotA.id],
  );
  const endedSlotA = await make.aSlot(employerA, { startsOn: '2025-01-06', endsOn: '2025-03-28' });
  const internA = await make.aStudent(schoolA, programmeOfA);
  const endedPlacement = await make.aPlacement(internA.studentId!, endedSlotA.id, 'confirmed');
  await db.query(
    `INSERT INTO placement_outcomes (placement_id, student_id, completed, job_offer)
     VALUES ($1, $2, true, 'none')`,
    [endedPlacement.id, internA.studentId],
  );
  const endedPlacementA = { id: endedPlacement.id, studentToken: internA.token };

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
    openRoundA,
    freshDraft: async () => {
      const [draft] = await db.query(
        `INSERT INTO rounds (name, preferences_open_at, preferences_close_at, seed)
         VALUES ($1, now(), now() + interval '7 days', $1) RETURNING id`,
        [`Matrix draft ${randomUUID()}`],
      );
      return draft.id as string;
    },
    staffC: await make.aUser('coordinator', schoolA),
    freshCaller: async (role) => {
      const [kind, side] = role.split(' ') as [string, string | undefined];
      if (kind === 'student') {
        const school = side === 'A' ? schoolA : schoolB;
        return (await make.aStudent(school, await make.aProgramme(school.id))).token;
      }
      const organisation =
        kind === 'admin'
          ? null
          : kind === 'coordinator'
            ? side === 'A'
              ? schoolA
              : schoolB
            : side === 'A'
              ? employerA
              : employerB;
      return (await make.aUser(kind as 'coordinator' | 'reviewer' | 'admin', organisation)).token;
    },
    guardianA,
    endedPlacementA,
  };
}

/**
 * Student A, under 18, accepted slot A and named a guardian: the placement awaits them, with a
 * link whose token the test knows (the service draws tokens only when it mails them).
 */
async function awaitGuardian(
  db: DataSource,
  roundId: string,
  studentId: string,
  slotId: string,
  stamp: string,
) {
  const guardian = {
    name: `Gerda Matrix ${stamp}`,
    email: `gerda-${stamp}@test.example`,
    token: randomBytes(32).toString('base64url'),
  };
  const [placement] = await db.query(
    `INSERT INTO placements (round_id, student_id, slot_id, status, deadline_at, answered_at,
                             needs_guardian_consent)
     VALUES ($1, $2, $3, 'awaiting_guardian', now() + interval '7 days', now(), true)
     RETURNING id`,
    [roundId, studentId, slotId],
  );
  await db.query(`UPDATE slots SET seats_taken = seats_taken + 1 WHERE id = $1`, [slotId]);
  const [consent] = await db.query(
    `INSERT INTO guardian_consents (placement_id, student_id, guardian_name, guardian_email,
                                    expires_at)
     VALUES ($1, $2, $3, $4, now() + interval '7 days') RETURNING id`,
    [placement.id, studentId, guardian.name, guardian.email],
  );
  await db.query(`INSERT INTO guardian_consent_links (token_hash, consent_id) VALUES ($1, $2)`, [
    createHash('sha256').update(guardian.token).digest(),
    consent.id,
  ]);
  return guardian;
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
