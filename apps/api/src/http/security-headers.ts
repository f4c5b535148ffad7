import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet, { HelmetOptions } from 'helmet';

type Directives = Record<string, string[]>;

/**
 * The web app's policy: its own scripts, styles and api only, nothing inline (the build has no
 * inline script or style; React sets the few style values through the DOM, which CSP allows),
 * and no page of another site may frame it.
 */
const WEB_APP: Directives = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/** JSON answers load nothing. */
const API: Directives = {
  'default-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/** Swagger UI's page carries its styles inline; its scripts are files. */
const API_DOCS: Directives = {
  ...WEB_APP,
  'style-src': ["'self'", "'unsafe-inline'"],
};

/** bull-board's page: inline styles, and its fonts from Google Fonts. */
const QUEUE_BOARD: Directives = {
  ...WEB_APP,
  'style-src': ["'self'", "'unsafe-inline'", 'https://fonts.googleapis.com'],
  'font-src': ["'self'", 'https://fonts.gstatic.com'],
};

function headers(directives: Directives, https: boolean): RequestHandler {
  const options: HelmetOptions = {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: https ? { ...directives, 'upgrade-insecure-requests': [] } : directives,
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // Browsers only heed HSTS over https; sent over http it would only mislead.
    strictTransportSecurity: https ? { maxAge: 365 * 24 * 3600, includeSubDomains: true } : false,
  };
  return helmet(options);
}

/**
 * Security headers on every answer (helmet): a Content-Security-Policy per kind of page,
 * `frame-ancestors 'none'` and X-Frame-Options DENY, nosniff, no referrer, and HSTS when the
 * service is reached over https (PUBLIC_URL).
 */
export function applySecurityHeaders(app: INestApplication, publicUrl: string): void {
  const https = new URL(publicUrl).protocol === 'https:';
  const api = headers(API, https);
  const docs = headers(API_DOCS, https);
  const board = headers(QUEUE_BOARD, https);
  const web = headers(WEB_APP, https);
  (app as NestExpressApplication).use((req: Request, res: Response, next: NextFunction) => {
    const path = req.path;
    if (/^\/api(\/|$)/.test(path)) return api(req, res, next);
    if (/^\/docs(-json)?(\/|$)/.test(path)) return docs(req, res, next);
    if (/^\/admin\/queues(\/|$)/.test(path)) return board(req, res, next);
    return web(req, res, next);
  });
}
