import { AuthUser } from '@app/accounts';
import { ExportFormat } from '@app/imports';
import {
  ContestOutcomeDto,
  OutcomeListItem,
  OutcomesService,
  outcomesTable,
  OutcomeView,
  RecordOutcomeDto,
} from '@app/pipeline';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
  StreamableFile,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { ApiExport, ExportPageQuery, pageOrFile, readPurpose } from '../http/export-query';
import { Page } from '../http/page-query.dto';
import { OutcomeListResponse, OutcomeResponse } from './outcome.response';

@ApiTags('pipeline')
@ApiBearerAuth()
@Controller('placements/:id/outcome')
export class OutcomesController {
  constructor(private readonly outcomes: OutcomesService) {}

  @Get()
  @ApiOperation({
    summary: "A placement's outcome and the student's objection to it, if any",
    description: "The student, the host's reviewers, the student's coordinators and admins",
  })
  @ApiOkResponse({ type: OutcomeResponse })
  get(
    @CurrentUser() caller: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<OutcomeView> {
    return this.outcomes.get(caller, id);
  }

  @Put()
  @Roles('reviewer')
  @ApiOperation({
    summary: 'Record the outcome: completed, and a job offer none / offered / accepted / declined',
    description:
      "The host's reviewers, once the period has ended (409 before) and for an accepted or confirmed placement",
  })
  @ApiOkResponse({ type: OutcomeResponse })
  record(
    @CurrentUser() caller: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RecordOutcomeDto,
  ): Promise<OutcomeView> {
    return this.outcomes.record(caller, id, body);
  }

  @Post('contest')
  @HttpCode(200)
  @Roles('student')
  @ApiOperation({
    summary: 'Contest the recorded outcome, in own words; the coordinator sees both',
    description: 'The student of the placement, once an outcome is recorded (409 before)',
  })
  @ApiOkResponse({ type: OutcomeResponse })
  contest(
    @CurrentUser() caller: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ContestOutcomeDto,
  ): Promise<OutcomeView> {
    return this.outcomes.contest(caller, id, body);
  }
}

@ApiTags('pipeline')
@ApiBearerAuth()
@Controller('outcomes')
export class OutcomeListController {
  constructor(private readonly outcomes: OutcomesService) {}

  @Get()
  @ApiOperation({
    summary: 'Accepted and confirmed placements with their outcomes and objections, latest first',
    description:
      "A student's own; a reviewer's organisation's interns; a coordinator's school's students; admins all",
  })
  @ApiOkResponse({ type: OutcomeListResponse })
  @ApiExport()
  list(
    @CurrentUser() caller: AuthUser,
    @Query() query: ExportPageQuery,
  ): Promise<Page<OutcomeListItem> | StreamableFile> {
    const read = (page: number, pageSize: number, format: ExportFormat | null) =>
      this.outcomes.list(caller, page, pageSize, readPurpose('GET /api/outcomes', format));
    return pageOrFile(query, read, {
      table: outcomesTable,
      name: 'outcomes',
    });
  }
}
