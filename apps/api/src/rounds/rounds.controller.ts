import { AuthUser } from '@app/accounts';
import { PlacementsService } from '@app/placements';
import { ExplanationsService, loadRoundInstance, ResultsService, RoundsService } from '@app/rounds';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { PageQuery, toPage } from '../http/page-query.dto';
import { CreateRoundDto } from './rounds.dto';
import { toRoundView } from './round-view';
import { ExplanationResponse } from './explanation.response';
import { MatchingInstanceResponse } from './matching-instance.response';
import { ResultPage, RoundPage, RoundResponse } from './round.response';

@ApiTags('rounds')
@ApiBearerAuth()
@Controller('rounds')
export class RoundsController {
  constructor(
    private readonly rounds: RoundsService,
    private readonly placements: PlacementsService,
    private readonly resultsService: ResultsService,
    private readonly explanations: ExplanationsService,
    private readonly dataSource: DataSource,
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
  @ApiOperation({ summary: 'Create a round (draft); the lottery seed is random unless given' })
  @ApiCreatedResponse({ type: RoundResponse })
  async create(@Body() body: CreateRoundDto) {
    return toRoundView(await this.rounds.create(body));
  }

  @Get(':id')
  @ApiOperation({ summary: 'A round with its status' })
  @ApiOkResponse({ type: RoundResponse })
  async get(@Param('id', ParseUUIDPipe) id: string) {
    return toRoundView(await this.rounds.get(id));
  }

  @Post(':id/open')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Open the preference window; the round takes the open slots' })
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
  @ApiOperation({ summary: 'The round as a matching instance, ids as in the database' })
  @ApiOkResponse({ type: MatchingInstanceResponse })
  async instance(@Param('id', ParseUUIDPipe) id: string) {
    const round = await this.rounds.get(id);
    return loadRoundInstance(this.dataSource.manager, round);
  }

  @Get(':id/results')
  @ApiOperation({ summary: 'Assignments of the round, as far as the caller may see them' })
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
