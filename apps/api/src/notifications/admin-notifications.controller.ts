import { AuthUser } from '@app/accounts';
import {
  FailedDeliveriesService,
  failedDeliveriesTable,
  FailedDeliveryView,
} from '@app/notifications';
import {
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { ApiExport, ExportPageQuery, pageOrFile, readPurpose } from '../http/export-query';
import { Page } from '../http/page-query.dto';
import { FailedDeliveryPage, RetriedResponse } from './notification.response';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/notifications')
export class AdminNotificationsController {
  constructor(private readonly failedDeliveries: FailedDeliveriesService) {}

  @Get('failed')
  @ApiOperation({ summary: 'Notifications that could not be delivered, with the last error' })
  @ApiOkResponse({ type: FailedDeliveryPage })
  @ApiExport()
  failed(
    @CurrentUser() caller: AuthUser,
    @Query() query: ExportPageQuery,
  ): Promise<Page<FailedDeliveryView> | StreamableFile> {
    return pageOrFile(
      query,
      (page, pageSize, format) =>
        this.failedDeliveries.list(
          caller,
          { page, pageSize },
          readPurpose('GET /api/admin/notifications/failed', format),
        ),
      { table: failedDeliveriesTable, name: 'failed-notifications' },
    );
  }

  // Before ':id/retry', which would take "failed" for an id.
  @Post('failed/retry')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Send every failed notification again (the oldest 10,000 per call)',
    description: 'E.g. after an SMTP outage that outlasted the retries. 503 when Redis is down.',
  })
  @ApiAcceptedResponse({ type: RetriedResponse })
  async retryAll(): Promise<RetriedResponse> {
    return { retried: await this.failedDeliveries.retryAll() };
  }

  @Post(':id/retry')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Send one failed notification again; 409 when it has not failed' })
  @ApiAcceptedResponse({ type: RetriedResponse })
  async retryOne(@Param('id', ParseUUIDPipe) id: string): Promise<RetriedResponse> {
    return { retried: await this.failedDeliveries.retryOne(id) };
  }
}
