import { SeedService } from '@app/seed';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { startApi } from '../support/test-app';

describe('GET /api/organizations', () => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await startApi();
    await new SeedService(app.get(DataSource)).seedAlliance();
  });

  afterAll(() => app.close());

  it('lists the four schools of the alliance among the schools', async () => {
    const response = await request(app.getHttpServer())
      .get('/api/organizations?kind=school&pageSize=100')
      .expect(200);
    const slugs = response.body.items.map((o: { slug: string }) => o.slug);
    expect(slugs).toEqual(
      expect.arrayContaining(['absalon', 'kalundborg-gym', 'maskinmester', 'next']),
    );
    expect(response.body.items.every((o: { kind: string }) => o.kind === 'school')).toBe(true);
    expect(response.body).toMatchObject({ page: 1, pageSize: 100 });
  });

  it('pages through the actors without overlap', async () => {
    const first = await request(app.getHttpServer())
      .get('/api/organizations?pageSize=5')
      .expect(200);
    const second = await request(app.getHttpServer())
      .get('/api/organizations?pageSize=5&page=2')
      .expect(200);
    expect(first.body.total).toBeGreaterThanOrEqual(15);
    expect(first.body.items).toHaveLength(5);
    expect(second.body.items).toHaveLength(5);
    const ids = [...first.body.items, ...second.body.items].map((o: { id: string }) => o.id);
    expect(new Set(ids).size).toBe(10);
  });

  it.each([
    ['an unknown kind', '?kind=university', /kind must be one of/],
    ['a page size above 100', '?pageSize=101', /pageSize must not be greater than 100/],
    ['a page that is not a number', '?page=abc', /page must be an integer/],
    ['an unknown parameter', '?sort=name', /property sort should not exist/],
  ])('rejects %s with 400 naming the field', async (_case, query, message) => {
    const response = await request(app.getHttpServer())
      .get(`/api/organizations${query}`)
      .expect(400);
    expect(JSON.stringify(response.body.message)).toMatch(message);
  });
});
