import { Module } from '@nestjs/common';
import { AccessLogService } from './access-log.service';

/** The access log, for every domain module that reads or changes a student's data. */
@Module({
  providers: [AccessLogService],
  exports: [AccessLogService],
})
export class AccessLogModule {}
