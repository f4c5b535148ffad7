import { FOCUS_AREAS, FocusArea } from '@app/organisations';
import { SLOT_STATUSES, SlotStatus } from '@app/database';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';
import { ExportPageQuery } from '../http/export-query';

/** `?flag=true|false` as a boolean; anything else stays as sent and fails @IsBoolean. */
const toBoolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

export class SlotListQuery extends ExportPageQuery {
  @ApiPropertyOptional({ enum: FOCUS_AREAS })
  @IsOptional()
  @IsIn(FOCUS_AREAS)
  focusArea?: FocusArea;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  organisationId?: string;

  @ApiPropertyOptional({
    enum: SLOT_STATUSES,
    description: 'Reviewers and admins; students and coordinators only see open slots',
  })
  @IsOptional()
  @IsIn(SLOT_STATUSES)
  status?: SlotStatus;

  @ApiPropertyOptional({
    description: 'Students: every open slot, each with `eligible` and `reasons`',
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  includeIneligible?: boolean;
}

export class SlotImportQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Admins: the host of the slots' })
  @IsOptional()
  @IsUUID('all')
  organisationId?: string;
}
