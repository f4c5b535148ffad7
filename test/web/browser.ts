import { INestApplication } from '@nestjs/common';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium } from 'playwright-core';
import { resolveChromium } from '../../scripts/chromium';
import { startApi } from '../support/test-app';

const root = join(__dirname, '..', '..');
const web = join(root, 'apps', 'web');

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

/**
 * Builds the web app when apps/web/dist is missing or older than its sources, before the api
 * starts (the api serves the files it finds at start).
 */
export function ensureWebBuilt(): void {
  const index = join(web, 'dist', 'index.html');
  const builtAt = existsSync(index) ? statSync(index).mtimeMs : 0;
  const sourcesAt = Math.max(newest(join(web, 'src')), statSync(join(web, 'index.html')).mtimeMs);
  if (builtAt >= sourcesAt) return;
  const vite = join(root, 'node_modules', '.bin', 'vite');
  // As users get it: under Jest NODE_ENV is "test", and Vite would build React's development
  // bundle, whose StrictMode mounts every page twice (two requests, two access-log rows).
  const result = spawnSync(vite, ['build', '--config', join(web, 'vite.config.ts')], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) throw new Error(`The web app did not build:\n${result.stderr}`);
}

/**
 * Chromium, headless, with what this machine needs (no sandbox, no network calls):
 * CHROMIUM_PATH, Debian's or the one from npm (scripts/chromium.js).
 */
export async function launchChromium(): Promise<Browser> {
  const { executablePath, args } = await resolveChromium();
  return chromium.launch({ executablePath, args });
}

/** A browser window for one user, already signed in with their token. */
export async function signedIn(
  browser: Browser,
  baseURL: string,
  token: string,
): Promise<BrowserContext> {
  const context = await newContext(browser, baseURL);
  await context.addInitScript({
    content: `window.localStorage.setItem('biotekbyen.token', ${JSON.stringify(token)});`,
  });
  return context;
}

export function newContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  return browser.newContext({
    baseURL,
    locale: 'da-DK',
    timezoneId: 'Europe/Copenhagen',
    viewport: { width: 1280, height: 900 },
  });
}

/** What a browser test drives: the api serving the web app on a free port, and Chromium. */
export interface WebApp {
  app: INestApplication;
  browser: Browser;
  baseURL: string;
}

/** The web app built as users get it, the api serving it on a free port, and Chromium. */
export async function startWebApp(): Promise<WebApp> {
  ensureWebBuilt();
  const app = await startApi();
  await app.listen(0, '127.0.0.1');
  const baseURL = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  return { app, browser: await launchChromium(), baseURL };
}
