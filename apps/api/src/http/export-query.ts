import { EXPORT_FORMATS, ExportFormat, exportFile, ExportTable } from '@app/imports';
import { applyDecorators, StreamableFile } from '@nestjs/common';
import { ApiProduces, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQuery } from './page-query.dto';

const FORMATS = ['json', ...EXPORT_FORMATS] as const;
type Format = (typeof FORMATS)[number];

const FORMAT_PROPERTY = {
  enum: FORMATS,
  default: 'json',
  description:
    'csv or xlsx: the same rows as a file to download (a list: all of them, up to 5,000, not a page)',
};

/** `?format=json|csv|xlsx` of a report. */
export class ExportQuery {
  @ApiPropertyOptional(FORMAT_PROPERTY)
  @IsOptional()
  @IsIn(FORMATS)
  format?: Format;
}

/** `?format=` of a paged list beside `?page=&pageSize=`. */
export class ExportPageQuery extends PageQuery {
  @ApiPropertyOptional(FORMAT_PROPERTY)
  @IsOptional()
  @IsIn(FORMATS)
  format?: Format;
}

/** The file format asked for, or null for the JSON answer. */
export function fileFormat(query: { format?: Format }): ExportFormat | null {
  return query.format === 'csv' || query.format === 'xlsx' ? query.format : null;
}

/** The OpenAPI note that a route answers JSON, CSV or xlsx. */
export const ApiExport = () =>
  applyDecorators(
    ApiProduces(
      'application/json',
      'text/csv',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ),
  );

/** The table as a download, named `<baseName>.csv|xlsx` in its Content-Disposition. */
export async function exportResponse(
  table: ExportTable,
  format: ExportFormat,
  baseName: string,
): Promise<StreamableFile> {
  const file = await exportFile(table, format, baseName);
  return new StreamableFile(file.body, {
    type: file.contentType,
    disposition: `attachment; filename="${file.fileName}"`,
    length: file.body.length,
  });
}
