import { AuthUser } from '@app/accounts';
import {
  applicantsTable,
  ApplicantsService,
  MAX_PREFERENCES,
  PreferencesService,
} from '@app/rounds';
import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { ApiExport, ExportQuery, jsonOrFile, readPurpose } from '../http/export-query';
import { PreferencesDto, RankingDto } from './rounds.dto';
import { ApplicantList } from './applicant.response';
import { PreferencesResponse } from './round.response';

@ApiTags('rounds')
@ApiBearerAuth()
@Controller('rounds/:id')
export class PreferencesController {
  constructor(
    private readonly preferences: PreferencesService,
    private readonly applicants: ApplicantsService,
  ) {}

  @Get('preferences')
  @Roles('student')
  @ApiOperation({ summary: 'Your ranked slots in the round' })
  @ApiOkResponse({ type: PreferencesResponse })
  async get(@CurrentUser() student: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return { roundId: id, items: await this.preferences.get(student, id) };
  }

  @Put('preferences')
  @Roles('student')
  @ApiOperation({ summary: `Rank up to ${MAX_PREFERENCES} eligible slots, most preferred first` })
  @ApiOkResponse({ type: PreferencesResponse, description: 'The list as stored' })
  async replace(
    @CurrentUser() student: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: PreferencesDto,
  ) {
    return { roundId: id, items: await this.preferences.replace(student, id, body.slotIds) };
  }

  @Get('slots/:slotId/applicants')
  @Roles('reviewer', 'admin')
  @ApiOperation({ summary: 'Students who ranked the slot, with the score parts and the order' })
  @ApiOkResponse({ type: ApplicantList })
  @ApiExport()
  list(
    @CurrentUser() caller: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('slotId', ParseUUIDPipe) slotId: string,
    @Query() query: ExportQuery,
  ) {
    return jsonOrFile(
      query,
      async (format) => {
        const purpose = readPurpose('GET /api/rounds/:id/slots/:slotId/applicants', format);
        const items = await this.applicants.list(caller, id, slotId, purpose);
        return { json: { items }, items };
      },
      { table: applicantsTable, name: `applicants-${slotId}` },
    );
  }

  @Put('slots/:slotId/ranking')
  @Roles('reviewer', 'admin')
  @ApiOperation({ summary: 'Rank applicants; those left out follow by score and lottery' })
  @ApiOkResponse({ type: ApplicantList, description: 'The new order' })
  async rank(
    @CurrentUser() caller: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('slotId', ParseUUIDPipe) slotId: string,
    @Body() body: RankingDto,
  ) {
    return { items: await this.applicants.rank(caller, id, slotId, body.studentIds) };
  }

  @Put('slots/:slotId/applicants/:studentId/not-acceptable')
  @Roles('reviewer', 'admin')
  @ApiOperation({
    summary: 'Mark an applicant not acceptable for the slot: the matching never places them there',
  })
  @ApiOkResponse({ type: ApplicantList, description: 'The applicants as they now stand' })
  async markNotAcceptable(
    @CurrentUser() caller: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('slotId', ParseUUIDPipe) slotId: string,
    @Param('studentId', ParseUUIDPipe) studentId: string,
  ) {
    return {
      items: await this.applicants.markNotAcceptable(caller, id, slotId, studentId, true),
    };
  }

  @Delete('slots/:slotId/applicants/:studentId/not-acceptable')
  @Roles('reviewer', 'admin')
  @ApiOperation({ summary: 'Take back a not-acceptable mark' })
  @ApiOkResponse({ type: ApplicantList, description: 'The applicants as they now stand' })
  async unmarkNotAcceptable(
    @CurrentUser() caller: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('slotId', ParseUUIDPipe) slotId: string,
    @Param('studentId', ParseUUIDPipe) studentId: string,
  ) {
    return {
      items: await this.applicants.markNotAcceptable(caller, id, slotId, studentId, false),
    };
  }
}
