import { STUDENT_LIST_STATUSES, StudentListStatus } from '@app/rounds';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';
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

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The round whose status ?status= means; required with it',
  })
  @ValidateIf((query: StudentListQuery) => query.roundId !== undefined || !!query.status)
  @IsUUID('all')
  roundId?: string;

  @ApiPropertyOptional({
    enum: STUDENT_LIST_STATUSES,
    description:
      "Only the students who stand so in ?roundId= (GET /api/rounds/:id/students's standing; pending: every student of a draft round; guardianRefused: offered again after the guardian refused)",
  })
  @IsOptional()
  @IsIn(STUDENT_LIST_STATUSES)
  status?: StudentListStatus;
}

export class RosterImportQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Admins: the school of the roster' })
  @IsOptional()
  @IsUUID('all')
  schoolId?: string;
}
