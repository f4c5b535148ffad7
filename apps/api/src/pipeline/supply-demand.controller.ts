import { AuthUser } from '@app/accounts';
import {
  MAX_YEAR,
  MIN_YEAR,
  SchoolTransitions,
  SchoolTransitionsService,
  supplyDemandCsv,
  SupplyDemandService,
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
import { SchoolTransitionsResponse, SupplyDemandResponse } from './supply-demand.response';

class SupplyDemandQuery {
  @ApiProperty({ minimum: MIN_YEAR, maximum: MAX_YEAR, example: 2027 })
  @Type(() => Number)
  @IsInt()
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  year!: number;

  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
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
      "Per programme for one year. Admins: the alliance; coordinators: their school's programmes; reviewers: their organisation's needs and interns. Counts of 1 to 4 people are null and listed in suppressed, as are totals and gaps that would give them away; format=csv shows them as <5.",
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: SupplyDemandResponse })
  async report(
    @CurrentUser() caller: AuthUser,
    @Query() query: SupplyDemandQuery,
    @Res({ passthrough: true }) response: Response,
  ) {
    const report = await this.supplyDemand.report(caller, query.year);
    if (query.format !== 'csv') return report;
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader(
      'Content-Disposition',
      `attachment; filename="supply-demand-${query.year}.csv"`,
    );
    return supplyDemandCsv(report);
  }
}

class SchoolTransitionsQuery {
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
  @ApiOkResponse({ type: SchoolTransitionsResponse })
  report(
    @CurrentUser() caller: AuthUser,
    @Query() query: SchoolTransitionsQuery,
  ): Promise<SchoolTransitions> {
    return this.transitions.report(caller, query.year);
  }
}
