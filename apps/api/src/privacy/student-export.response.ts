import { EXPORT_SECTIONS, SINGLE_SECTIONS, StudentExport } from '@app/privacy';
import { ApiProperty } from '@nestjs/swagger';
import { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { SchemaObjectMetadata } from '@nestjs/swagger/dist/interfaces/schema-object-metadata.interface';

/** A section's rows keep the columns docs/PRIVACY.md lists; the document names the sections. */
const ROW: SchemaObject = { type: 'object', additionalProperties: true };
const ONE_ROW: SchemaObjectMetadata = {
  type: 'object',
  additionalProperties: true,
  nullable: true,
};
const ROWS: SchemaObjectMetadata = { type: 'array', items: ROW };

const SECTIONS: Record<string, SchemaObjectMetadata> = Object.fromEntries(
  Object.values(EXPORT_SECTIONS).map(({ section }) => [
    section,
    SINGLE_SECTIONS.has(section) ? ONE_ROW : ROWS,
  ]),
);

/** Everything held about a student (GDPR arts. 15 and 20). */
export class StudentExportResponse implements StudentExport {
  @ApiProperty({ type: String, format: 'date-time' })
  exportedAt!: Date;

  @ApiProperty({ format: 'uuid' })
  studentId!: string;

  @ApiProperty({
    type: 'object',
    properties: SECTIONS,
    required: Object.keys(SECTIONS),
    description: 'One entry per table that holds data about the student; see docs/PRIVACY.md',
  })
  sections!: Record<string, unknown>;
}
