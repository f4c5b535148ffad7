import { MAX_IMPORT_BYTES } from '@app/imports';
import { applyDecorators, ParseFilePipe, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiPayloadTooLargeResponse } from '@nestjs/swagger';

/**
 * A CSV file in the multipart field `file`; larger files are refused with 413 while uploading,
 * and any other part (a second file, a text field) with 400.
 */
export const CsvUpload = (description: string) =>
  applyDecorators(
    UseInterceptors(
      FileInterceptor('file', {
        limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 0, parts: 1 },
      }),
    ),
    ApiConsumes('multipart/form-data'),
    ApiBody({
      description,
      schema: {
        type: 'object',
        required: ['file'],
        properties: { file: { type: 'string', format: 'binary' } },
      },
    }),
    ApiPayloadTooLargeResponse({ description: 'The file is larger than 1 MB' }),
  );

export const requiredFile = () => new ParseFilePipe({ fileIsRequired: true });
