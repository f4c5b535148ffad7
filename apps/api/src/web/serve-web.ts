import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import serveStatic from 'serve-static';

/** Paths that belong to the server (API, API docs, queue dashboard), never to the web app. */
const SERVER_PATHS = /^\/(api|docs|docs-json|admin)(\/|$)/;
/** A request for a file (`/assets/x.js`, `/favicon.svg`): a miss is a 404, not the app. */
const FILE_PATH = /\.[A-Za-z0-9]+$/;
/** The build's source maps: the web app's whole source, so only served when asked for. */
const SOURCE_MAP = /\.map$/i;

/**
 * The built web app (`apps/web/dist`), found by walking up from here so that it is found both
 * from the sources (tests) and from the compiled api in dist/. Undefined when it is not built.
 */
export function findWebDist(from = __dirname): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'apps', 'web', 'dist');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * Serves the web app's files and answers every other page address with its index.html, so that
 * the browser's router takes over. Source maps are a 404 unless `sourceMaps` (SERVE_SOURCE_MAPS)
 * asks for them. Does nothing when the web app is not built.
 */
export function serveWebApp(
  app: INestApplication,
  root = findWebDist(),
  { sourceMaps = false }: { sourceMaps?: boolean } = {},
): boolean {
  if (!root) return false;
  const express = app as NestExpressApplication;
  const index = join(root, 'index.html');
  if (!sourceMaps) {
    express.use((req: Request, res: Response, next: NextFunction) =>
      SOURCE_MAP.test(req.path) ? res.status(404).end() : next(),
    );
  }
  express.useStaticAssets(join(root, 'assets'), {
    prefix: '/assets/',
    immutable: true,
    maxAge: '365d',
  });
  // Files at the root (favicon, manifest) only: trying the disk for every api request would
  // cost a file-system call each.
  const rootFiles = serveStatic(root, { index: false });
  express.use((req: Request, res: Response, next: NextFunction) =>
    FILE_PATH.test(req.path) && !SERVER_PATHS.test(req.path) ? rootFiles(req, res, next) : next(),
  );
  express.use((req: Request, res: Response, next: NextFunction) => {
    const isPage =
      (req.method === 'GET' || req.method === 'HEAD') &&
      !SERVER_PATHS.test(req.path) &&
      !FILE_PATH.test(req.path);
    if (!isPage) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return true;
}
