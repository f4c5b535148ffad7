import { AuthUser } from '@app/accounts';
import {
  FollowUpAnswerDto,
  FollowUpConsentDto,
  FollowUpsService,
  FollowUpTokenDto,
} from '@app/pipeline';
import { Body, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Public, Roles } from '../auth/auth.decorators';
import {
  FollowUpAnsweredResponse,
  FollowUpConsentResponse,
  FollowUpFormResponse,
} from './follow-ups.response';

/** The student's consent to follow-ups after their placement, and their answers. */
@ApiTags('pipeline')
@ApiBearerAuth()
@Controller('me/follow-up-consent')
export class FollowUpConsentController {
  constructor(private readonly followUps: FollowUpsService) {}

  @Get()
  @Roles('student')
  @ApiOperation({ summary: 'Whether I agreed to follow-ups, and my answers' })
  @ApiOkResponse({ type: FollowUpConsentResponse })
  get(@CurrentUser() caller: AuthUser) {
    return this.followUps.consent(caller);
  }

  @Put()
  @Roles('student')
  @ApiOperation({
    summary: 'Agree to follow-ups at 6, 12 and 24 months, decline, or withdraw',
    description: 'consented false deletes every answer given, at once',
  })
  @ApiOkResponse({ type: FollowUpConsentResponse })
  set(@CurrentUser() caller: AuthUser, @Body() body: FollowUpConsentDto) {
    return this.followUps.setConsent(caller, body.consented);
  }
}

/**
 * The follow-up form, answered without signing in through the single-use link of its e-mail.
 * The token travels in the body (the page has it in its URL's fragment), so it never lands in
 * a request log.
 */
@ApiTags('pipeline')
@Controller('follow-ups')
export class FollowUpFormController {
  constructor(private readonly followUps: FollowUpsService) {}

  @Post('form')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'The follow-up behind a link (reading does not use the link up)' })
  @ApiOkResponse({ type: FollowUpFormResponse })
  @ApiBadRequestResponse({ description: 'Not a token' })
  @ApiNotFoundResponse({ description: 'No such link' })
  @ApiConflictResponse({ description: 'Already answered, or expired' })
  form(@Body() body: FollowUpTokenDto) {
    return this.followUps.form(body.token);
  }

  @Post('answer')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Where I am now: at an alliance member (which), in Kalundborg, in Region Sjælland, elsewhere, studying (what, where) or other; once',
  })
  @ApiOkResponse({ type: FollowUpAnsweredResponse })
  @ApiBadRequestResponse({ description: 'Not a token, or not an answer' })
  @ApiNotFoundResponse({ description: 'No such link' })
  @ApiConflictResponse({ description: 'Already answered, or expired' })
  answer(@Body() body: FollowUpAnswerDto) {
    return this.followUps.answer(body);
  }
}
