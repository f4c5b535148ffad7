import { INestApplication, ValidationPipe } from '@nestjs/common';
import { SwaggerModule } from '@nestjs/swagger';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DomainErrorFilter } from './http/domain-error.filter';
import { UnexpectedErrorFilter } from './http/unexpected-error.filter';
import { VALIDATION_OPTIONS } from './http/validation';
import { createOpenApiDocument } from './openapi';
import { serveWebApp } from './web/serve-web';

/** Request bodies larger than this are refused with 413 before any parsing work. */
const BODY_LIMIT = '1mb';

/** Everything main.ts and the e2e tests share, so tests run the app as production does. */
export function configureApp(app: INestApplication): void {
  const express = app as NestExpressApplication;
  express.useBodyParser('json', { limit: BODY_LIMIT });
  express.disable('x-powered-by');
  // The queue board is a browser page of its own, not part of the JSON api.
  app.setGlobalPrefix('api', { exclude: ['admin/queues'] });
  app.useGlobalPipes(new ValidationPipe(VALIDATION_OPTIONS));
  app.useGlobalFilters(new UnexpectedErrorFilter(), new DomainErrorFilter());
  app.enableShutdownHooks();

  const document = createOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  serveWebApp(app);
}
