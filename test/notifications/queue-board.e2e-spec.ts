import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { Factories } from '../support/factories';
import { startApi } from '../support/test-app';

describe('the queue board at /admin/queues', () => {
  let app: INestApplication;
  let make: Factories;

  beforeAll(async () => {
    app = await startApi();
    make = new Factories(app);
  });

  afterAll(() => app.close());

  it('opens for an admin’s bearer token and lists every queue', async () => {
    const admin = await make.aUser('admin');
    const page = await request(app.getHttpServer())
      .get('/admin/queues')
      .set('Authorization', `Bearer ${admin.token}`)
      .expect(200);
    expect(page.text).toContain('<html');
    const queues = await request(app.getHttpServer())
      .get('/admin/queues/api/queues')
      .set('Authorization', `Bearer ${admin.token}`)
      .expect(200);
    expect(queues.body.queues.map((queue: { name: string }) => queue.name).sort()).toEqual([
      'matching',
      'notifications',
      'offers',
      'outbox',
      'pipeline',
      'privacy',
    ]);
  });

  it('opens in a browser with the short-lived session cookie an admin asked for', async () => {
    const admin = await make.aUser('admin');
    const session = await request(app.getHttpServer())
      .post('/api/admin/queues/session')
      .set('Authorization', `Bearer ${admin.token}`)
      .expect(204);
    const cookie = String(session.headers['set-cookie']);
    expect(cookie).toMatch(
      /queue_board=.+; Max-Age=900; Path=\/admin\/queues; .*HttpOnly; SameSite=Strict/,
    );
    await request(app.getHttpServer())
      .get('/admin/queues/api/queues')
      .set('Cookie', cookie.split(';')[0])
      .expect(200);
  });

  it('refuses anyone else', async () => {
    const school = await make.anOrganisation('school');
    const coordinator = await make.aUser('coordinator', school);
    const server = app.getHttpServer();
    await request(server).get('/admin/queues').expect(401);
    await request(server).get('/admin/queues').set('Cookie', 'queue_board=forged.1.x').expect(401);
    await request(server)
      .get('/admin/queues')
      .set('Authorization', `Bearer ${coordinator.token}`)
      .expect(403);
    await request(server)
      .post('/api/admin/queues/session')
      .set('Authorization', `Bearer ${coordinator.token}`)
      .expect(403);
  });
});
