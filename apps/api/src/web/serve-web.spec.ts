import { Controller, Get, INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { findWebDist, serveWebApp } from './serve-web';

@Controller('api/ping')
class PingController {
  @Get()
  ping() {
    return { pong: true };
  }
}

describe('serving the web app', () => {
  let root: string;
  let dist: string;
  let app: INestApplication;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'web-'));
    dist = join(root, 'apps', 'web', 'dist');
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>app</title>');
    writeFileSync(join(dist, 'assets', 'main-abc.js'), 'console.log(1)');
    writeFileSync(join(dist, 'assets', 'main-abc.js.map'), '{"version":3}');
    const moduleRef = await Test.createTestingModule({ controllers: [PingController] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    expect(serveWebApp(app, dist)).toBe(true);
    await app.init();
  });

  afterAll(async () => {
    await app.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('finds the build from any folder below the repository root', () => {
    const deep = join(root, 'dist', 'apps', 'api', 'src');
    mkdirSync(deep, { recursive: true });
    expect(findWebDist(deep)).toBe(dist);
  });

  it('finds nothing when the web app is not built', () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'no-web-'));
    expect(findWebDist(elsewhere)).toBeUndefined();
    rmSync(elsewhere, { recursive: true });
  });

  it('answers page addresses with index.html, for the browser router', async () => {
    for (const path of ['/', '/rounds', '/students/import', '/invitation?token=x']) {
      const response = await request(app.getHttpServer()).get(path).expect(200);
      expect(response.text).toContain('<title>app</title>');
    }
  });

  it('serves files, long-cached under /assets', async () => {
    const response = await request(app.getHttpServer()).get('/assets/main-abc.js').expect(200);
    expect(response.headers['cache-control']).toContain('immutable');
  });

  it('leaves the api, its docs, the queue board and missing files to the server', async () => {
    await request(app.getHttpServer()).get('/api/ping').expect(200, { pong: true });
    for (const path of ['/api/nope', '/docs-json', '/admin/queues', '/assets/gone.js']) {
      const response = await request(app.getHttpServer()).get(path).expect(404);
      expect(response.text).not.toContain('<title>app</title>');
    }
  });

  it('keeps the source maps to itself unless asked to serve them', async () => {
    await request(app.getHttpServer()).get('/assets/main-abc.js.map').expect(404);
    const moduleRef = await Test.createTestingModule({}).compile();
    const withMaps = moduleRef.createNestApplication({ logger: false });
    serveWebApp(withMaps, dist, { sourceMaps: true });
    await withMaps.init();
    try {
      await request(withMaps.getHttpServer()).get('/assets/main-abc.js.map').expect(200);
    } finally {
      await withMaps.close();
    }
  });
});
