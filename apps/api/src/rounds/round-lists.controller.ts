import { AuthUser } from '@app/accounts';
import { RoundSlotsService, RoundStudentsService } from '@app/rounds';
import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { Page, PageQuery, toPage } from '../http/page-query.dto';
import { BulkSentCount } from '../http/sent-count.response';
import {
  LeftOutSlotPage,
  LeftOutSlotResponse,
  RoundSlotPage,
  RoundSlotResponse,
  RoundStudentsQuery,
  StudentPreferenceStatusPage,
  StudentPreferenceStatusResponse,
} from './round-lists.dto';

@ApiTags('rounds')
@ApiBearerAuth()
@Controller('rounds/:id')
export class RoundListsController {
  constructor(
    private readonly slots: RoundSlotsService,
    private readonly students: RoundStudentsService,
  ) {}

  @Get('slots')
  @ApiOperation({
    summary: 'The slots in the round, each with its seats; students see those open to them',
    description:
      'The slots the round took when it opened. Students: the ones they are eligible for (what they may rank); reviewers: their own; coordinators: the open ones; admins: all.',
  })
  @ApiOkResponse({ type: RoundSlotPage })
  async slotsOf(
    @CurrentUser() caller: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: PageQuery,
  ): Promise<Page<RoundSlotResponse>> {
    return toPage(await this.slots.list(caller, id, query.page, query.pageSize), query);
  }

  @Get('slots-left-out')
  @Roles('student')
  @ApiOperation({
    summary: "The slots of the student's slot list they cannot rank in the round, each with why",
    description:
      'Every open slot the student sees that the round does not let them rank, with its true reason, in the order of GET /api/slots.',
  })
  @ApiOkResponse({ type: LeftOutSlotPage })
  async slotsLeftOut(
    @CurrentUser() caller: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: PageQuery,
  ): Promise<Page<LeftOutSlotResponse>> {
    return toPage(
      await this.slots.leftOutForStudent(caller, id, query.page, query.pageSize),
      query,
    );
  }

  @Get('students')
  @Roles('coordinator', 'admin')
  @ApiOperation({
    summary: 'Whether each student has ranked slots in the round, how many, and where they stand',
    description:
      'Coordinators: their own school; admins: all, or ?schoolId=. Counts only, not which slots. Ordered by name, like GET /api/students.',
  })
  @ApiOkResponse({ type: StudentPreferenceStatusPage })
  async studentsOf(
    @CurrentUser() caller: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: RoundStudentsQuery,
  ): Promise<Page<StudentPreferenceStatusResponse>> {
    return toPage(await this.students.list(caller, id, query), query);
  }

  @Post('students/reminders')
  @Roles('coordinator')
  @HttpCode(200)
  @ApiOperation({
    summary: "Remind the school's students who have not ranked in the open round",
    description:
      'Through the outbox, in one transaction; students reminded in the last 24 hours (by the schedule or a coordinator) are left out, so pressing twice mails once (skipped: how many were left out). 409 round.window_closed unless the window is open.',
  })
  @ApiOkResponse({ type: BulkSentCount })
  remindNotRanked(
    @CurrentUser() caller: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<BulkSentCount> {
    return this.students.remindNotRanked(caller, id);
  }
}
