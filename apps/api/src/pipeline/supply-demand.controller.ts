import { AuthUser } from '@app/accounts';
import {
  MAX_YEAR,
  MIN_YEAR,
  schoolTransitionsTable,
  SchoolTransitionsService,
  supplyDemandTable,
  SupplyDemandService,
} from '@app/pipeline';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { ApiExport, ExportQuery, exportResponse, fileFormat } from '../http/export-query';
import { SchoolTransitionsResponse, SupplyDemandResponse } from './supply-demand.response';

class SupplyDemandQuery extends ExportQuery {
  @ApiProperty({ minimum: MIN_YEAR, maximum: MAX_YEAR, example: 2027 })
  @Type(() => Number)
  @IsInt()
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  year!: number;
}

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports/supply-demand')
export class SupplyDemandController {
  constructor(private readonly supplyDemand: SupplyDemandService) {}

  @Get()
  @Roles('admin', 'coordinator', 'reviewer')
  @ApiOperation({
    summary: 'Hiring needs declared vs students finishing vs interns placed, and the gap',
    description:
      "Per programme for one year. Admins: the alliance; coordinators: their school's programmes; reviewers: their organisation's needs and interns. Counts of 1 to 4 people are null and listed in suppressed, as are totals and gaps that would give them away; format=csv or xlsx shows them as <5.",
  })
  @ApiExport()
  @ApiOkResponse({ type: SupplyDemandResponse })
  async report(@CurrentUser() caller: AuthUser, @Query() query: SupplyDemandQuery) {
    const report = await this.supplyDemand.report(caller, query.year);
    const format = fileFormat(query);
    if (!format) return report;
    return exportResponse(supplyDemandTable(report), format, `supply-demand-${query.year}`);
  }
}

class SchoolTransitionsQuery extends ExportQuery {
  @ApiProperty({ minimum: MIN_YEAR, maximum: MAX_YEAR, example: 2026 })
  @Type(() => Number)
  @IsInt()
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  year!: number;
}

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports/school-transitions')
export class SchoolTransitionsController {
  constructor(private readonly transitions: SchoolTransitionsService) {}

  @Get()
  @Roles('admin', 'coordinator')
  @ApiOperation({
    summary: 'People who went on from one member school to another in a year (one account kept)',
    description:
      'Counted from confirmed enrolments. Admins: the alliance; coordinators: moves into or out of their school. Counts of 1 to 4 are null and listed in suppressed, and so is the total then.',
  })
  @ApiExport()
  @ApiOkResponse({ type: SchoolTransitionsResponse })
  async report(@CurrentUser() caller: AuthUser, @Query() query: SchoolTransitionsQuery) {
    const report = await this.transitions.report(caller, query.year);
    const format = fileFormat(query);
    if (!format) return report;
    return exportResponse(
      schoolTransitionsTable(report),
      format,
      `school-transitions-${query.year}`,
    );
  }
}
