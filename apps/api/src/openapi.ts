import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/** The OpenAPI document of the api: served at /docs, and the source of the web app's types. */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Biotekbyen Match')
      .setDescription(
        'Matches students of the Kalundborg schools to internship slots at the alliance’s employers.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
}
