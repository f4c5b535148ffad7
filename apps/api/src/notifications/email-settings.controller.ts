import { AuthUser } from '@app/accounts';
import { EmailSetting, EmailSettingsService } from '@app/notifications';
import { Body, Controller, Get, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators';
import { UpdateEmailSettingsDto } from './email-settings.dto';
import { EmailSettingsResponse } from './email-settings.response';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('me/email-settings')
export class EmailSettingsController {
  constructor(private readonly settings: EmailSettingsService) {}

  @Get()
  @ApiOperation({ summary: 'Which e-mails I get, per topic; offers and deadlines always' })
  @ApiOkResponse({ type: EmailSettingsResponse })
  async get(@CurrentUser() caller: AuthUser): Promise<{ topics: EmailSetting[] }> {
    return { topics: await this.settings.get(caller.id) };
  }

  @Put()
  @ApiOperation({
    summary: 'Turn e-mails of some topics on or off; the in-app messages stay',
    description:
      'Only rounds, reminders and reports can be turned off: turning off offers, deadlines or ' +
      'account answers 400 with the code notification.email_required and changes nothing.',
  })
  @ApiOkResponse({ type: EmailSettingsResponse })
  @ApiBadRequestResponse({ description: 'notification.email_required, or a malformed body' })
  async update(
    @CurrentUser() caller: AuthUser,
    @Body() body: UpdateEmailSettingsDto,
  ): Promise<{ topics: EmailSetting[] }> {
    return { topics: await this.settings.update(caller.id, body.topics) };
  }
}
