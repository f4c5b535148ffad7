import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { PageQuery } from '../http/page-query.dto';

export class ProgrammeListQuery extends PageQuery {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Only the programmes of this school; an id of no school lists none',
  })
  @IsOptional()
  @IsUUID('all')
  schoolId?: string;
}
