import { AuthUser } from '@app/accounts';
import { NotificationsService, NotificationView } from '@app/notifications';
import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators';
import { Page, PageQuery, toPage } from '../http/page-query.dto';
import {
  MarkedReadResponse,
  NotificationPage,
  NotificationResponse,
} from './notification.response';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('me/notifications')
export class MeNotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ summary: 'My notifications, newest first, with the number unread' })
  @ApiOkResponse({ type: NotificationPage })
  async list(
    @CurrentUser() caller: AuthUser,
    @Query() query: PageQuery,
  ): Promise<Page<NotificationView> & { unread: number }> {
    const { unread, ...result } = await this.notifications.listForUser(caller.id, query);
    return { ...toPage(result, query), unread };
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark all my notifications read' })
  @ApiOkResponse({ type: MarkedReadResponse })
  markAllRead(@CurrentUser() caller: AuthUser): Promise<{ marked: number }> {
    return this.notifications.markAllRead(caller.id);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one of my notifications read (404 for anyone else’s)' })
  @ApiOkResponse({ type: NotificationResponse })
  markRead(
    @CurrentUser() caller: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<NotificationView> {
    return this.notifications.markRead(caller.id, id);
  }
}
