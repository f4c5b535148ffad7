import { AuthUser } from '@app/accounts';
import { EnrolmentsService, MyEnrolments, RequestEnrolmentDto } from '@app/students';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { EnrolmentMoveResponse, MyEnrolmentsResponse } from './enrolments.response';

/** A school's coordinator asks a person with an account to enrol. */
@ApiTags('students')
@ApiBearerAuth()
@Controller('students/enrolments')
export class EnrolmentRequestsController {
  constructor(private readonly enrolments: EnrolmentsService) {}

  @Post()
  @HttpCode(202)
  @Roles('coordinator')
  @ApiOperation({
    summary: 'Ask a person who already has an account (from another school) to enrol here',
    description:
      'Answers 202 alike whether the address belongs to a student of another school, to no one, to staff or to a student of this school: it does not tell who has an account. The person is asked by e-mail and in the app, and shows on the roster once they confirm. 400 for a programme of another school.',
  })
  @ApiAcceptedResponse({
    description: 'If the address belongs to a student elsewhere, they are asked',
  })
  async request(@CurrentUser() caller: AuthUser, @Body() body: RequestEnrolmentDto): Promise<void> {
    await this.enrolments.request(caller, body);
  }
}

/** The person's own enrolments and the schools asking them to enrol. */
@ApiTags('me')
@ApiBearerAuth()
@Controller('me/enrolments')
@Roles('student')
export class MyEnrolmentsController {
  constructor(private readonly enrolments: EnrolmentsService) {}

  @Get()
  @ApiOperation({ summary: 'My enrolments, current first, and requests waiting for my answer' })
  @ApiOkResponse({ type: MyEnrolmentsResponse })
  mine(@CurrentUser() caller: AuthUser): Promise<MyEnrolments> {
    return this.enrolments.mine(caller);
  }

  @Post(':id/confirm')
  @HttpCode(200)
  @ApiOperation({
    summary: "Take up the school's enrolment: the same account, earlier placements kept",
    description:
      'Answers a new access token: the account now belongs to the new school and older sessions end. 409 while an offer is unanswered or a list is in a round still to run.',
  })
  @ApiOkResponse({ type: EnrolmentMoveResponse })
  confirm(
    @CurrentUser() caller: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<{ accessToken: string }> {
    return this.enrolments.confirm(caller, id);
  }

  @Post(':id/decline')
  @HttpCode(204)
  @ApiOperation({ summary: "Decline the school's request; nothing changes" })
  @ApiNoContentResponse()
  async decline(
    @CurrentUser() caller: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<void> {
    await this.enrolments.decline(caller, id);
  }
}
