import {
  AccountsService,
  InvitationsService,
  PasswordResetsService,
  SignedInUser,
} from '@app/accounts';
import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { AcceptInvitationDto } from './accept-invitation.dto';
import { CurrentUser, Public } from './auth.decorators';
import { ChangePasswordDto } from './change-password.dto';
import { LoginThrottlerGuard } from './login-throttling';
import { LoginDto } from './login.dto';
import { ForgotPasswordDto, ResetPasswordDto } from './password-reset.dto';
import { LoginResponse } from './user.response';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly invitations: InvitationsService,
    private readonly passwordResets: PasswordResetsService,
  ) {}

  @Post('login')
  @Public()
  @UseGuards(LoginThrottlerGuard)
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with e-mail and password; returns a bearer token' })
  @ApiOkResponse({ type: LoginResponse })
  @ApiTooManyRequestsResponse({
    description: 'Too many attempts from this address, or from this address for this account',
  })
  login(@Body() body: LoginDto) {
    return this.accounts.login(body.email, body.password);
  }

  @Post('logout')
  @ApiBearerAuth()
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out: this token stops working at once, on every api instance' })
  @ApiNoContentResponse({ description: 'Signed out' })
  async logout(@CurrentUser() caller: SignedInUser): Promise<void> {
    await this.accounts.logout(caller);
  }

  @Post('logout-all')
  @ApiBearerAuth()
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out everywhere: every token of this account stops working' })
  @ApiNoContentResponse({ description: 'Every sign-in of the account has ended, this one too' })
  async logoutAll(@CurrentUser() caller: SignedInUser): Promise<void> {
    await this.accounts.logoutEverywhere(caller.id);
  }

  @Post('change-password')
  @ApiBearerAuth()
  @UseGuards(LoginThrottlerGuard)
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Change your password (the current one required); every other sign-in ends, ' +
      'and this one goes on with the new token returned',
  })
  @ApiOkResponse({ type: LoginResponse })
  @ApiBadRequestResponse({ description: 'Wrong current password, or a new one that is refused' })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts from this address' })
  changePassword(@CurrentUser() caller: SignedInUser, @Body() body: ChangePasswordDto) {
    return this.accounts.changePassword(caller, body.currentPassword, body.newPassword);
  }

  @Post('accept-invitation')
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: 'Set the password of a new account with its one-time invitation' })
  @ApiNoContentResponse({ description: 'The password is set; sign in with it' })
  @ApiBadRequestResponse({
    description: 'Invalid, used or expired invitation, or a password that is refused',
  })
  async acceptInvitation(@Body() body: AcceptInvitationDto): Promise<void> {
    await this.invitations.acceptInvitation(body.token, body.password);
  }

  @Post('forgot-password')
  @Public()
  @UseGuards(LoginThrottlerGuard)
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Ask for an e-mail with a link to choose a new password (valid one hour, once); the ' +
      'answer is the same whether or not the address has an account',
  })
  @ApiAcceptedResponse({ description: 'If the address has an account, an e-mail is on its way' })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts from this address' })
  async forgotPassword(@Body() body: ForgotPasswordDto): Promise<void> {
    await this.passwordResets.requestReset(body.email);
  }

  @Post('reset-password')
  @Public()
  @UseGuards(LoginThrottlerGuard)
  @HttpCode(204)
  @ApiOperation({
    summary: 'Choose a new password with the link of a reset e-mail; every sign-in ends',
  })
  @ApiNoContentResponse({ description: 'The password is set; sign in with it' })
  @ApiBadRequestResponse({
    description: 'Invalid, used or expired link, or a password that is refused',
  })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts from this address' })
  async resetPassword(@Body() body: ResetPasswordDto): Promise<void> {
    await this.passwordResets.resetPassword(body.token, body.password);
  }
}
