import { AuthUser } from '@app/accounts';
import {
  demandTable,
  placementsTable,
  REPORT_GROUPS,
  ReportGroup,
  ReportsService,
} from '@app/rounds';
import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { ApiExport, ExportQuery, exportResponse, fileFormat } from '../http/export-query';
import { DemandList, HostReportResponse, StudentReportResponse } from './report.response';

class PlacementReportQuery extends ExportQuery {
  @ApiProperty({ enum: REPORT_GROUPS })
  @IsIn(REPORT_GROUPS)
  groupBy!: ReportGroup;

  @ApiPropertyOptional({ description: 'The round; the newest one past its draft when left out' })
  @IsOptional()
  @IsUUID()
  roundId?: string;
}

@ApiTags('reports')
@ApiBearerAuth()
@ApiExtraModels(StudentReportResponse, HostReportResponse)
@Controller()
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('reports/placements')
  @Roles('admin', 'coordinator')
  @ApiOperation({
    summary: "One round's students by standing (they add up to the students); seats filled",
  })
  @ApiOkResponse({
    description: 'Students per school or programme; slots and seats per employer',
    schema: {
      oneOf: [
        { $ref: getSchemaPath(StudentReportResponse) },
        { $ref: getSchemaPath(HostReportResponse) },
      ],
    },
  })
  @ApiExport()
  async placements(@CurrentUser() caller: AuthUser, @Query() query: PlacementReportQuery) {
    const report = await this.reports.placements(caller, query.groupBy, query.roundId);
    const format = fileFormat(query);
    if (!format) return { groupBy: query.groupBy, ...report };
    const name = `placements-${query.groupBy}-${report.round?.name ?? 'none'}`;
    return exportResponse(placementsTable(query.groupBy, report), format, name);
  }

  @Get('rounds/:id/demand')
  @Roles('admin', 'reviewer')
  @ApiOperation({
    summary: 'How many students ranked each slot, and at which ranks',
    description:
      'Admins: every slot, live. Reviewers: their own slots; ranks as counted when the window closed; counts of fewer than 5 students are null, with suppressed: true.',
  })
  @ApiOkResponse({ type: DemandList })
  @ApiExport()
  async demand(
    @CurrentUser() caller: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: ExportQuery,
  ) {
    const items = await this.reports.demand(caller, id);
    const format = fileFormat(query);
    if (!format) return { items };
    return exportResponse(demandTable(items), format, `demand-${id}`);
  }
}
