import { INestApplication } from '@nestjs/common';
import { Role } from '@app/database';
import { DataSource } from 'typeorm';
import { as } from '../support/http';
import { startApi } from '../support/test-app';
import { usePrivateDatabase } from './harness/private-database';
import { aSizedWorld, SizedWorld } from './harness/sized-world';
import { StatementCounter } from './harness/statement-counter';

interface ListRoute {
  name: string;
  role: Role;
  url: (world: SizedWorld) => string;
}

const LISTS: ListRoute[] = [
  { name: 'GET /api/students', role: 'coordinator', url: () => '/api/students?pageSize=100' },
  { name: 'GET /api/slots', role: 'student', url: () => '/api/slots?pageSize=100' },
  { name: 'GET /api/placements', role: 'reviewer', url: () => '/api/placements?pageSize=100' },
  {
    name: 'GET /api/rounds/:id/slots/:slotId/applicants',
    role: 'reviewer',
    url: (w) => `/api/rounds/${w.roundId}/slots/${w.firstSlotId}/applicants`,
  },
  {
    name: 'GET /api/rounds/:id/slots',
    role: 'student',
    url: (w) => `/api/rounds/${w.roundId}/slots?pageSize=100`,
  },
  {
    name: 'GET /api/rounds/:id/students',
    role: 'coordinator',
    url: (w) => `/api/rounds/${w.roundId}/students?pageSize=100`,
  },
  {
    name: 'GET /api/programmes',
    role: 'reviewer',
    url: (w) => `/api/programmes?pageSize=100&schoolId=${w.schoolId}`,
  },
  {
    name: 'GET /api/rounds/:id/results',
    role: 'admin',
    url: (w) => `/api/rounds/${w.roundId}/results?pageSize=100`,
  },
];

describe('lists load in a fixed number of statements', () => {
  let app: INestApplication;
  let counter: StatementCounter;
  let dropDatabase: () => Promise<void>;
  const worlds: Record<number, SizedWorld> = {};

  beforeAll(async () => {
    dropDatabase = await usePrivateDatabase('n1');
    app = await startApi();
    counter = new StatementCounter(app.get(DataSource));
    worlds[2] = await aSizedWorld(app, 2);
    worlds[20] = await aSizedWorld(app, 20);
  });

  afterAll(async () => {
    counter.restore();
    await app.close();
    await dropDatabase();
  });

  async function measure(route: ListRoute, size: number) {
    const world = worlds[size];
    // Once before counting: a per-process cache (the open slots) loads on first use.
    await as(app, world.tokens[route.role]).get(route.url(world)).expect(200);
    let items = 0;
    const statements = await counter.during(async () => {
      const response = await as(app, world.tokens[route.role]).get(route.url(world)).expect(200);
      items = (Array.isArray(response.body) ? response.body : response.body.items).length;
    });
    return { items, statements };
  }

  it.each(LISTS.map((route) => [route.name, route] as const))(
    '%s: the same statements for 2 items as for 20',
    async (_name, route) => {
      const small = await measure(route, 2);
      const large = await measure(route, 20);
      expect(small.items).toBeGreaterThanOrEqual(2);
      expect(large.items).toBeGreaterThanOrEqual(20);
      expect(small.statements).toBeGreaterThan(0);
      expect(large.statements).toBe(small.statements);
    },
  );
});
