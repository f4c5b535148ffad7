import { AccountsService } from '@app/accounts';
import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { Public } from './auth.decorators';
import { LoginDto } from './login.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly accounts: AccountsService) {}

  @Post('login')
  @Public()
  @UseGuards(ThrottlerGuard)
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with e-mail and password; returns a bearer token' })
  @ApiOkResponse({ description: '{ accessToken, user }' })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts for this address or account' })
  login(@Body() body: LoginDto) {
    return this.accounts.login(body.email, body.password);
  }
}
