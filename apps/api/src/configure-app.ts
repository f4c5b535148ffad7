import { AppConfig, trustProxySetting } from '@app/config';
import { INestApplication } from '@nestjs/common';
import { SwaggerModule } from '@nestjs/swagger';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DomainErrorFilter } from './http/domain-error.filter';
import { applySecurityHeaders } from './http/security-headers';
import { UnexpectedErrorFilter } from './http/unexpected-error.filter';
import { boundRequestShape, verifyJsonShape } from './http/request-shape';
import { BoundedValidationPipe, VALIDATION_OPTIONS } from './http/validation';
import { createOpenApiDocument } from './openapi';
import { findWebDist, serveWebApp } from './web/serve-web';

/** Request bodies larger than this are refused with 413 before any parsing work. */
const BODY_LIMIT = '1mb';

/** Everything main.ts and the e2e tests share, so tests run the app as production does. */
export function configureApp(app: INestApplication): void {
  const config = app.get(AppConfig);
  applySecurityHeaders(app, config.PUBLIC_URL);
  const express = app as NestExpressApplication;
  express.useBodyParser('json', { limit: BODY_LIMIT, verify: verifyJsonShape });
  // Nest's own default, registered here so that the shape bound below runs after both parsers.
  express.useBodyParser('urlencoded', { extended: true });
  express.use(boundRequestShape);
  express.disable('x-powered-by');
  express.set('trust proxy', trustProxySetting(config.TRUST_PROXY));
  setApiPrefix(app);
  app.useGlobalPipes(new BoundedValidationPipe(VALIDATION_OPTIONS));
  app.useGlobalFilters(new UnexpectedErrorFilter(), new DomainErrorFilter());
  app.enableShutdownHooks();

  const document = createOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  serveWebApp(app, findWebDist(), { sourceMaps: config.SERVE_SOURCE_MAPS });
}

/** The routes' prefix, which the OpenAPI document needs too (scripts/openapi-document.ts). */
export function setApiPrefix(app: INestApplication): void {
  // The queue board is a browser page of its own, not part of the JSON api.
  app.setGlobalPrefix('api', { exclude: ['admin/queues'] });
}
