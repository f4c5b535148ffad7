import { INestApplication } from '@nestjs/common';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { Factories, TEST_PASSWORD } from '../support/factories';
import { eventually } from '../support/http';
import { newContext, startWebApp } from './browser';

/** What a page's Content-Security-Policy refused, seen by the page and by the console. */
async function watchedPage(context: BrowserContext): Promise<{ page: Page; refused: string[] }> {
  const refused: string[] = [];
  await context.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (e) =>
      console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));`,
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (/CSP violation|Content Security Policy|Refused to/i.test(message.text())) {
      refused.push(message.text());
    }
  });
  page.on('pageerror', (error) => refused.push(error.message));
  return { page, refused };
}

/** The web app in a real browser under its security headers. */
describe('the web app under its security headers', () => {
  let app: INestApplication;
  let browser: Browser;
  let baseURL: string;
  let framer: Server;
  let framerURL: string;

  beforeAll(async () => {
    ({ app, browser, baseURL } = await startWebApp());
    // Another site: frames the app, and (as a control) a page of its own that allows it.
    framer = createServer((req, res) => {
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      if (req.url === '/own') return res.end('<p id="own">framed</p>');
      const src = req.url === '/control' ? '/own' : `${baseURL}${req.url}`;
      res.end(`<!doctype html><iframe id="frame" src="${src}"></iframe>`);
    });
    await new Promise<void>((resolve) => framer.listen(0, 'localhost', resolve));
    framerURL = `http://localhost:${(framer.address() as AddressInfo).port}`;
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    framer?.close();
  });

  it('signs in and shows the admin screens with nothing refused by the policy', async () => {
    const admin = await new Factories(app).aUser('admin');
    const context = await newContext(browser, baseURL);
    const { page, refused } = await watchedPage(context);

    const response = await page.goto('/');
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.getByLabel('E-mail').fill(admin.email);
    await page.getByLabel('Adgangskode').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Log ind' }).click();
    const menu = page.getByRole('navigation', { name: 'Menu' });
    for (const screen of ['Matchrunder', 'Rapporter', 'Organisationer', 'Brugere']) {
      await menu.getByRole('link', { name: screen }).click();
      await page.getByRole('heading', { level: 1 }).first().waitFor({ state: 'visible' });
    }
    await page.waitForLoadState('networkidle');
    expect(refused).toEqual([]);
    await context.close();
  }, 60_000);

  it('shows the API documentation at /docs with nothing refused by its policy', async () => {
    const context = await newContext(browser, baseURL);
    const { page, refused } = await watchedPage(context);
    const response = await page.goto('/docs');
    expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await page.locator('.swagger-ui .info .title').waitFor({ state: 'visible' });
    await page.locator('.opblock').first().waitFor({ state: 'visible' });
    expect(refused).toEqual([]);
    await context.close();
  }, 60_000);

  it('shows the queue board with nothing refused by its policy', async () => {
    const admin = await new Factories(app).aUser('admin');
    const context = await newContext(browser, baseURL);
    const { page, refused } = await watchedPage(context);
    const session = await context.request.post('/api/admin/queues/session', {
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(session.status()).toBe(204);
    const response = await page.goto('/admin/queues');
    expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await page.getByText('notifications', { exact: true }).first().waitFor({ state: 'visible' });
    expect(refused).toEqual([]);
    await context.close();
  }, 60_000);

  it('cannot be framed by another site', async () => {
    const context = await newContext(browser, framerURL);
    const { page, refused } = await watchedPage(context);

    // The control: a page that allows framing shows inside the frame.
    await page.goto('/control');
    const control = page.frameLocator('#frame');
    await control.locator('#own').waitFor({ state: 'visible' });

    for (const path of ['/', '/docs']) {
      refused.length = 0;
      await page.goto(path);
      await eventually(
        async () => (refused.some((m) => /frame-ancestors/.test(m)) ? true : undefined),
        15_000,
      );
      const frame = page.frames().find((f) => f !== page.mainFrame());
      expect(frame?.url()).not.toContain(baseURL);
      await expect(page.frameLocator('#frame').locator('#root, .swagger-ui').count()).resolves.toBe(
        0,
      );
    }
    await context.close();
  }, 60_000);
});
