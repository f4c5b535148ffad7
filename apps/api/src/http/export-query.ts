import {
  contentDisposition,
  EXPORT_FORMATS,
  ExportFormat,
  exportFile,
  ExportTable,
  MAX_EXPORT_ROWS,
} from '@app/imports';
import { applyDecorators, StreamableFile } from '@nestjs/common';
import { ApiProduces, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { Page, PageQuery, toPage } from './page-query.dto';

const FORMATS = ['json', ...EXPORT_FORMATS] as const;
export type Format = (typeof FORMATS)[number];

const FORMAT_PROPERTY = {
  enum: FORMATS,
  default: 'json',
  description:
    'csv or xlsx: the same rows as a file to download (a list: all of them, up to 5,000, not a page)',
};

/** `?format=json|csv|xlsx` on any query class: the one property every download adds. */
export const FileFormatProperty = () =>
  applyDecorators(ApiPropertyOptional(FORMAT_PROPERTY), IsOptional(), IsIn(FORMATS));

/** `?format=json|csv|xlsx` of a report. */
export class ExportQuery {
  @FileFormatProperty()
  format?: Format;
}

/** `?format=` of a paged list beside `?page=&pageSize=`. */
export class ExportPageQuery extends PageQuery {
  @FileFormatProperty()
  format?: Format;
}

/** The file format asked for, or null for the JSON answer. */
export function fileFormat(query: { format?: Format }): ExportFormat | null {
  return query.format === 'csv' || query.format === 'xlsx' ? query.format : null;
}

/**
 * The access log's purpose of a list read: its route, and for a download also its format, so
 * the log tells a file that left the service from a page on a screen.
 */
export function readPurpose(route: string, format: ExportFormat | null): string {
  return format ? `${route}?format=${format}` : route;
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
    disposition: contentDisposition(file.fileName),
    length: file.body.length,
  });
}

/** How a list becomes a file: its table and the file's name without the extension. */
export interface Download<T> {
  table: (items: T[]) => ExportTable;
  name: string;
}

/**
 * The answer of a route that is not paged: `json` as it is, or with `?format=` its rows as a
 * file. The rows are read once, by the same service call, so file and screen cannot differ.
 */
export async function jsonOrFile<J, T>(
  query: { format?: Format },
  load: (format: ExportFormat | null) => Promise<{ json: J; items: T[] }>,
  download: Download<T>,
): Promise<J | StreamableFile> {
  const format = fileFormat(query);
  const { json, items } = await load(format);
  return format ? exportResponse(download.table(items), format, download.name) : json;
}

/**
 * The answer of a paged list: the page, or with `?format=` the whole filtered list (up to
 * 5,000 rows) as a file. `load` is the screen's own service call, with its scope, filters and
 * access log; it learns the format so that the log can name the download.
 */
export async function pageOrFile<T>(
  query: { format?: Format; page: number; pageSize: number },
  load: (
    page: number,
    pageSize: number,
    format: ExportFormat | null,
  ) => Promise<{ items: T[]; total: number }>,
  download: Download<T>,
): Promise<Page<T> | StreamableFile> {
  const format = fileFormat(query);
  if (!format) return toPage(await load(query.page, query.pageSize, null), query);
  const { items } = await load(1, MAX_EXPORT_ROWS, format);
  return exportResponse(download.table(items), format, download.name);
}
