import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { ExportPageQuery } from '../http/export-query';

export class StudentListQuery extends ExportPageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Admins only; coordinators see their own' })
  @IsOptional()
  @IsUUID('all')
  schoolId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  programmeId?: string;

  @ApiPropertyOptional({ description: 'Part of the name or e-mail' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class RosterImportQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Admins: the school of the roster' })
  @IsOptional()
  @IsUUID('all')
  schoolId?: string;
}
