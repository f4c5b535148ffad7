import { AuthUser } from '@app/accounts';
import { AccessLogService, AccessLogView } from '@app/access-log';
import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsOptional, IsUUID, MaxDate, MinDate } from 'class-validator';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { Page, PageQuery, toPage } from '../http/page-query.dto';
import { AccessLogPage } from './access-log.response';

/** PostgreSQL refuses timestamps far outside these; the log holds nothing outside them anyway. */
const EARLIEST = new Date('2000-01-01T00:00:00Z');
const LATEST = new Date('2100-01-01T00:00:00Z');

class AccessLogQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  studentId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The user who read or changed the data' })
  @IsOptional()
  @IsUUID('all')
  actorId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'From this moment, inclusive' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  @MinDate(EARLIEST)
  @MaxDate(LATEST)
  from?: Date;

  @ApiPropertyOptional({ format: 'date-time', description: 'Before this moment' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  @MinDate(EARLIEST)
  @MaxDate(LATEST)
  to?: Date;
}

@ApiTags('privacy')
@ApiBearerAuth()
@Controller()
export class AccessLogController {
  constructor(private readonly accessLog: AccessLogService) {}

  @Get('me/access-log')
  @Roles('student')
  @ApiOperation({ summary: 'Who else has read or changed your data (adgangslog), newest first' })
  @ApiOkResponse({ type: AccessLogPage })
  async mine(
    @CurrentUser() student: AuthUser,
    @Query() query: PageQuery,
  ): Promise<Page<AccessLogView>> {
    const { page, pageSize } = query;
    const studentId = student.studentId ?? undefined;
    if (!studentId) return toPage({ items: [], total: 0 }, query);
    return toPage(await this.accessLog.search({ studentId, page, pageSize }), query);
  }

  @Get('admin/access-log')
  @Roles('admin')
  @ApiOperation({ summary: 'Search the access log by student, actor and period, newest first' })
  @ApiOkResponse({ type: AccessLogPage })
  async search(@Query() query: AccessLogQuery): Promise<Page<AccessLogView>> {
    return toPage(await this.accessLog.search(query), query);
  }
}
