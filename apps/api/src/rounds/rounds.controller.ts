import { AuthUser } from '@app/accounts';
import { PlacementsService } from '@app/placements';
import { ExplanationsService, ResultsService, RoundsService } from '@app/rounds';
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { PageQuery, toPage } from '../http/page-query.dto';
import { CreateRoundDto, UpdateRoundDto } from './rounds.dto';
import { toRoundView } from './round-view';
import { ExplanationResponse } from './explanation.response';
import { MatchingInstanceResponse } from './matching-instance.response';
import { OpeningPreviewResponse, ResultPage, RoundPage, RoundResponse } from './round.response';

@ApiTags('rounds')
@ApiBearerAuth()
@Controller('rounds')
export class RoundsController {
  constructor(
    private readonly rounds: RoundsService,
    private readonly placements: PlacementsService,
    private readonly resultsService: ResultsService,
    private readonly explanations: ExplanationsService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Matching rounds, newest first' })
  @ApiOkResponse({ type: RoundPage })
  async list(@Query() query: PageQuery) {
    const { items, total } = await this.rounds.list(query.page, query.pageSize);
    return toPage({ items: items.map(toRoundView), total }, query);
  }

  @Post()
  @Roles('admin')
  @ApiOperation({
    summary: 'Create a round (draft); the service draws its lottery seed and shows its SHA-256',
  })
  @ApiCreatedResponse({ type: RoundResponse })
  async create(@Body() body: CreateRoundDto) {
    return toRoundView(await this.rounds.create(body));
  }

  @Get(':id')
  @ApiOperation({
    summary: 'A round with its status; for admins, once matched, the summary of the run',
  })
  @ApiOkResponse({ type: RoundResponse })
  async get(@CurrentUser() caller: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    const round = await this.rounds.get(id);
    if (caller.role !== 'admin') return toRoundView(round);
    return { ...toRoundView(round), summary: await this.rounds.summary(round) };
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({ summary: "Change a draft's name, window or answer days (409 once opened)" })
  @ApiOkResponse({ type: RoundResponse })
  async update(@Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateRoundDto) {
    return toRoundView(await this.rounds.updateDraft(id, body));
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a draft (409 once opened)' })
  @ApiNoContentResponse()
  async remove(@Param('id', ParseUUIDPipe) id: string) {
    await this.rounds.deleteDraft(id);
  }

  @Get(':id/opening-preview')
  @Roles('admin')
  @ApiOperation({
    summary: 'What opening the draft would take: slots with free seats, seats, eligible students',
  })
  @ApiOkResponse({ type: OpeningPreviewResponse })
  openingPreview(@Param('id', ParseUUIDPipe) id: string) {
    return this.rounds.openingPreview(id);
  }

  @Post(':id/open')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Open the preference window; the round takes the open slots with free seats (409 with code no_free_slots when none has one)',
  })
  @ApiOkResponse({ type: RoundResponse })
  async open(@Param('id', ParseUUIDPipe) id: string) {
    return toRoundView(await this.rounds.open(id));
  }

  @Post(':id/close')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close the preference window' })
  @ApiOkResponse({ type: RoundResponse })
  async close(@Param('id', ParseUUIDPipe) id: string) {
    return toRoundView(await this.rounds.close(id));
  }

  @Post(':id/run')
  @Roles('admin')
  @HttpCode(202)
  @ApiAcceptedResponse({
    type: RoundResponse,
    description: 'The worker runs the matching; poll the round status',
  })
  @ApiOperation({ summary: 'Run the matching (closed → matching → matched)' })
  async run(@Param('id', ParseUUIDPipe) id: string) {
    return toRoundView(await this.rounds.requestRun(id));
  }

  @Post(':id/publish')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Turn assignments into offers with a deadline' })
  @ApiOkResponse({ type: RoundResponse })
  async publish(@Param('id', ParseUUIDPipe) id: string) {
    return toRoundView(await this.placements.publish(id));
  }

  @Post(':id/follow-up')
  @Roles('admin')
  @ApiOperation({ summary: 'Create a follow-up round for unplaced students and released seats' })
  @ApiCreatedResponse({ type: RoundResponse })
  async followUp(@Param('id', ParseUUIDPipe) id: string) {
    return toRoundView(await this.rounds.followUp(id));
  }

  @Get(':id/instance')
  @Roles('admin')
  @ApiOperation({
    summary: 'The round as a matching instance, ids as in the database, with its lottery',
  })
  @ApiOkResponse({ type: MatchingInstanceResponse })
  async instance(@Param('id', ParseUUIDPipe) id: string) {
    return this.rounds.instance(id);
  }

  @Get(':id/results')
  @ApiOperation({
    summary: 'Assignments of the round, as far as the caller may see them',
    description:
      "Admins at any time after the run; others once the round is published (409 before). Coordinators: their school; reviewers: their own slots, without the students' ranks; students: their own.",
  })
  @ApiOkResponse({ type: ResultPage })
  async results(
    @CurrentUser() caller: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: PageQuery,
  ) {
    return toPage(await this.resultsService.list(caller, id, query.page, query.pageSize), query);
  }

  @Get(':id/explanation')
  @Roles('student')
  @ApiOperation({ summary: 'Why each slot ranked above the one received went to others' })
  @ApiOkResponse({ type: ExplanationResponse })
  explanation(@CurrentUser() student: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.explanations.explain(student, id);
  }
}
