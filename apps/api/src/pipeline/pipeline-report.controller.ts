import { AuthUser } from '@app/accounts';
import {
  MAX_YEAR,
  MIN_YEAR,
  pipelineTable,
  PIPELINE_GROUPINGS,
  PipelineGrouping,
  PipelineReportService,
} from '@app/pipeline';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, Max, Min } from 'class-validator';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { ApiExport, ExportQuery, exportResponse, fileFormat } from '../http/export-query';
import { PipelineReportResponse } from './pipeline-report.response';

class PipelineReportQuery extends ExportQuery {
  @ApiProperty({ enum: PIPELINE_GROUPINGS })
  @IsIn(PIPELINE_GROUPINGS)
  groupBy!: PipelineGrouping;

  @ApiProperty({ minimum: MIN_YEAR, maximum: MAX_YEAR, example: 2026 })
  @Type(() => Number)
  @IsInt()
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  cohort!: number;
}

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports/pipeline')
export class PipelineReportController {
  constructor(private readonly pipeline: PipelineReportService) {}

  @Get()
  @Roles('admin', 'coordinator', 'reviewer')
  @ApiOperation({
    summary: 'The talent pipeline of a cohort, by school, programme or employer',
    description:
      'registered → ranked → matched → accepted → completed → job offered → hired by an alliance member → working in Kalundborg at 12 and 24 months, with the knowledge rate beside each follow-up figure and the intern-to-hire conversion beside published benchmarks. Admins: the alliance; coordinators: their school; reviewers: the students who had a placement at their organisation. Counts of 1 to 4 people are null and listed in suppressed, as are totals and shares that would give them away; format=csv or xlsx shows them as <5.',
  })
  @ApiExport()
  @ApiOkResponse({ type: PipelineReportResponse })
  async report(@CurrentUser() caller: AuthUser, @Query() query: PipelineReportQuery) {
    const report = await this.pipeline.report(caller, query.cohort, query.groupBy);
    const format = fileFormat(query);
    if (!format) return report;
    const name = `pipeline-${query.cohort}-${query.groupBy}`;
    return exportResponse(pipelineTable(report), format, name);
  }
}
