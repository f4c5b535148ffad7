import { AccountsService, InvitationsService } from '@app/accounts';
import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { AcceptInvitationDto } from './accept-invitation.dto';
import { Public } from './auth.decorators';
import { LoginDto } from './login.dto';
import { LoginResponse } from './user.response';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly invitations: InvitationsService,
  ) {}

  @Post('login')
  @Public()
  @UseGuards(ThrottlerGuard)
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with e-mail and password; returns a bearer token' })
  @ApiOkResponse({ type: LoginResponse })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts for this address or account' })
  login(@Body() body: LoginDto) {
    return this.accounts.login(body.email, body.password);
  }

  @Post('accept-invitation')
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: 'Set the password of a new account with its one-time invitation' })
  @ApiNoContentResponse({ description: 'The password is set; sign in with it' })
  async acceptInvitation(@Body() body: AcceptInvitationDto): Promise<void> {
    await this.invitations.acceptInvitation(body.token, body.password);
  }
}
