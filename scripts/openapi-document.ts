/**
 * `npm run web:api-types` step one: writes the api's OpenAPI document to the file named by the
 * first argument (standard output without one), without a database, Redis or a listening port.
 * Nest's preview mode builds the module graph and the routes but instantiates no provider.
 */
import { NestFactory } from '@nestjs/core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppModule } from '../apps/api/src/app.module';
import { setApiPrefix } from '../apps/api/src/configure-app';
import { createOpenApiDocument } from '../apps/api/src/openapi';

async function main(output: string | undefined): Promise<void> {
  const app = await NestFactory.create(AppModule, { preview: true, logger: false });
  setApiPrefix(app);
  const json = `${JSON.stringify(createOpenApiDocument(app), null, 2)}\n`;
  await app.close();
  if (output) {
    mkdirSync(dirname(output), { recursive: true });
    writeFileSync(output, json);
  } else process.stdout.write(json);
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
