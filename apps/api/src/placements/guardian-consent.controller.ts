import { GuardianConsentsService } from '@app/placements';
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators';
import { GuardianAnswerDto, GuardianTokenDto } from './guardian-consent.dto';
import { GuardianAnswerResponse, GuardianOfferResponse } from './guardian-consent.response';

/**
 * The guardian of a student under 18 answers here, without an account, with the one-time link
 * of their e-mail. The token travels in the body (the page has it in its URL's fragment), so it
 * never lands in a request log.
 */
@ApiTags('guardian consent')
@Controller('guardian-consent')
export class GuardianConsentController {
  constructor(private readonly consents: GuardianConsentsService) {}

  @Post('offer')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'The offer a guardian is asked to consent to (reading does not use the link up)',
  })
  @ApiOkResponse({ type: GuardianOfferResponse })
  @ApiBadRequestResponse({ description: 'Not a token' })
  @ApiNotFoundResponse({ description: 'No such link' })
  @ApiConflictResponse({ description: 'Already answered, or the deadline has passed' })
  offer(@Body() body: GuardianTokenDto) {
    return this.consents.view(body.token);
  }

  @Post('answer')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: "Consent to (confirm) or refuse a minor's placement, once, before the deadline",
    description:
      'confirm: the placement is accepted. refuse: the offer is open to the student again ' +
      'until its deadline and the seat is free. Either way every link to the request is spent.',
  })
  @ApiOkResponse({ type: GuardianAnswerResponse })
  @ApiBadRequestResponse({ description: 'Not a token, or no decision' })
  @ApiNotFoundResponse({ description: 'No such link' })
  @ApiConflictResponse({ description: 'Already answered, or the deadline has passed' })
  answer(@Body() body: GuardianAnswerDto) {
    return this.consents.answer(body.token, body.decision);
  }
}
