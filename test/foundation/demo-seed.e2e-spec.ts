import { SeedService } from '@app/seed';
import { INestApplication } from '@nestjs/common';
import { isUUID } from 'class-validator';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { startApi } from '../support/test-app';

describe('the Kalundborg demo seed', () => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await startApi();
  });

  afterAll(() => app.close());

  it('changes nothing the second time, and its ids pass every UUID check', async () => {
    const seeds = new SeedService(app.get(DataSource));
    await seeds.seedDemo();
    const again = await seeds.seedDemo();
    expect(again).toEqual({ organisations: 0, programmes: 0, users: 0, students: 0, slots: 0 });

    const ids: { id: string }[] = await app.get(DataSource).query(
      `SELECT s.id FROM students s JOIN users u ON u.id = s.user_id WHERE u.email LIKE '%.demo'
       UNION ALL SELECT id FROM slots WHERE title IN ('Træning i Helix Lab', 'Kulturer og kvalitet')`,
    );
    expect(ids.length).toBeGreaterThanOrEqual(120);
    expect(ids.filter(({ id }) => !isUUID(id, 'all'))).toEqual([]);
  });

  it('lets the demo accounts of the contract sign in', async () => {
    for (const email of [
      'admin@biotekbyen.demo',
      'reviewer@forsyning.demo',
      'student5@next.demo',
    ]) {
      const response = await request(app.getHttpServer())
        .post('/api/auth/login')
        .send({ email, password: 'kalundborg-demo' })
        .expect(200);
      expect(response.body.user.email).toBe(email);
    }
  });
});
