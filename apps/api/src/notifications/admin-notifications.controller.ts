import { FailedDeliveryView, NotificationsService } from '@app/notifications';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { Page, PageQuery, toPage } from '../http/page-query.dto';
import { FailedDeliveryPage } from './notification.response';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/notifications')
export class AdminNotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get('failed')
  @ApiOperation({ summary: 'Notifications that could not be delivered, with the last error' })
  @ApiOkResponse({ type: FailedDeliveryPage })
  async failed(@Query() query: PageQuery): Promise<Page<FailedDeliveryView>> {
    return toPage(await this.notifications.listFailed(query), query);
  }
}
