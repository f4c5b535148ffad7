import { SignedInUser } from '@app/accounts';
import { AppConfig } from '@app/config';
import { Controller, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { BOARD_COOKIE, BOARD_PATH, BOARD_SESSION_SECONDS, signBoardSession } from './board-session';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/queues')
export class BoardSessionController {
  constructor(private readonly config: AppConfig) {}

  @Post('session')
  @HttpCode(204)
  @ApiOperation({
    summary: `Open the queue board (${BOARD_PATH}) in this browser for 15 minutes, or until this sign-in ends`,
  })
  openSession(@CurrentUser() caller: SignedInUser, @Res({ passthrough: true }) response: Response) {
    const session = {
      userId: caller.id,
      sessionId: caller.sessionId,
      sessionVersion: caller.sessionVersion,
    };
    response.cookie(BOARD_COOKIE, signBoardSession(this.config.JWT_SECRET, session), {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.PUBLIC_URL.startsWith('https:'),
      path: BOARD_PATH,
      maxAge: BOARD_SESSION_SECONDS * 1000,
    });
  }
}
