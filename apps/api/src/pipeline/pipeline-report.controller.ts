import { AuthUser } from '@app/accounts';
import {
  MAX_YEAR,
  MIN_YEAR,
  pipelineCsv,
  PIPELINE_GROUPINGS,
  PipelineGrouping,
  PipelineReportService,
} from '@app/pipeline';
import { Controller, Get, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { Response } from 'express';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { PipelineReportResponse } from './pipeline-report.response';

class PipelineReportQuery {
  @ApiProperty({ enum: PIPELINE_GROUPINGS })
  @IsIn(PIPELINE_GROUPINGS)
  groupBy!: PipelineGrouping;

  @ApiProperty({ minimum: MIN_YEAR, maximum: MAX_YEAR, example: 2026 })
  @Type(() => Number)
  @IsInt()
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  cohort!: number;

  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
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
      'registered → ranked → matched → accepted → completed → job offered → hired by an alliance member → working in Kalundborg at 12 and 24 months, with the knowledge rate beside each follow-up figure and the intern-to-hire conversion beside published benchmarks. Admins: the alliance; coordinators: their school; reviewers: the students who had a placement at their organisation. Counts of 1 to 4 people are null and listed in suppressed, as are totals and shares that would give them away; format=csv shows them as <5.',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: PipelineReportResponse })
  async report(
    @CurrentUser() caller: AuthUser,
    @Query() query: PipelineReportQuery,
    @Res({ passthrough: true }) response: Response,
  ) {
    const report = await this.pipeline.report(caller, query.cohort, query.groupBy);
    if (query.format !== 'csv') return report;
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader(
      'Content-Disposition',
      `attachment; filename="pipeline-${query.cohort}-${query.groupBy}.csv"`,
    );
    return pipelineCsv(report);
  }
}
