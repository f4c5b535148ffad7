import { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { MAX_PAGE_SIZE, Page } from './page-query.dto';

/**
 * The OpenAPI description of a paginated list of `item`: `{ items, total, page, pageSize }`.
 * Each list gets a class of its own, named `name`, so the document has one schema per list.
 */
export function PageOf<T>(item: Type<T>, name: string): Type<Page<T>> {
  class PageOfItems implements Page<T> {
    @ApiProperty({ type: [item] })
    items!: T[];

    @ApiProperty({ minimum: 0, description: 'Items matching the query, on all pages' })
    total!: number;

    @ApiProperty({ minimum: 1 })
    page!: number;

    @ApiProperty({ minimum: 1, maximum: MAX_PAGE_SIZE })
    pageSize!: number;
  }
  Object.defineProperty(PageOfItems, 'name', { value: name });
  return PageOfItems;
}
