import { INestApplication } from '@nestjs/common';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { startApi } from '../support/test-app';
import { ensureWebBuilt } from '../web/browser';

const ASSETS = join(__dirname, '..', '..', 'apps', 'web', 'dist', 'assets');

/** Starts the api with some settings changed, as a deployment would set them. */
async function apiWith(env: Record<string, string>): Promise<INestApplication> {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    return await startApi();
  } finally {
    process.env = saved;
  }
}

describe('security headers', () => {
  let app: INestApplication;

  beforeAll(async () => {
    ensureWebBuilt();
    app = await startApi();
  }, 60_000);

  afterAll(() => app.close());

  it.each(['/', '/rounds', '/api/health', '/api/organizations', '/docs', '/docs-json'])(
    'answers %s with a policy that no other site may frame, nosniff and no referrer',
    async (path) => {
      const response = await request(app.getHttpServer()).get(path);
      expect(response.status).toBeLessThan(400);
      expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      // Served over plain http (PUBLIC_URL http://localhost:3000): no HSTS.
      expect(response.headers['strict-transport-security']).toBeUndefined();
    },
  );

  it('allows the web app its own scripts and styles only, nothing inline', async () => {
    const page = await request(app.getHttpServer()).get('/').expect(200);
    const policy = page.headers['content-security-policy'];
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("script-src 'self';");
    expect(policy).toContain("style-src 'self';");
    expect(policy).toContain("object-src 'none'");
    expect(policy).not.toContain('unsafe');
    expect(page.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script
    expect(page.text).not.toMatch(/<style|style="/);
    const api = await request(app.getHttpServer()).get('/api/health');
    expect(api.headers['content-security-policy']).toContain("default-src 'none'");
  });

  it('serves no source map unless SERVE_SOURCE_MAPS asks for it', async () => {
    const map = readdirSync(ASSETS).find((file) => file.endsWith('.js.map'));
    const script = readdirSync(ASSETS).find((file) => file.endsWith('.js'));
    expect(map).toBeDefined();
    await request(app.getHttpServer()).get(`/assets/${script}`).expect(200);
    await request(app.getHttpServer()).get(`/assets/${map}`).expect(404);
    const withMaps = await apiWith({ SERVE_SOURCE_MAPS: 'true' });
    try {
      await request(withMaps.getHttpServer()).get(`/assets/${map}`).expect(200);
    } finally {
      await withMaps.close();
    }
  }, 60_000);

  it('sends HSTS when the service is reached over https', async () => {
    const https = await apiWith({ PUBLIC_URL: 'https://match.biotekbyen.dk' });
    try {
      for (const path of ['/', '/api/health', '/docs']) {
        const response = await request(https.getHttpServer()).get(path);
        expect(response.headers['strict-transport-security']).toBe(
          'max-age=31536000; includeSubDomains',
        );
        expect(response.headers['content-security-policy']).toContain('upgrade-insecure-requests');
      }
    } finally {
      await https.close();
    }
  }, 60_000);
});
