import { Module } from '@nestjs/common';
import { AccessLogModule } from './access-log/access-log.module';
import { StudentErasureService } from './subject/student-erasure.service';
import { StudentExportService } from './subject/student-export.service';

/**
 * A student's rights over their data: export and erasure. Needs BullMQ registered by the
 * application (QueuesModule.forRole), for the notification jobs an erasure removes.
 */
@Module({
  imports: [AccessLogModule],
  providers: [StudentExportService, StudentErasureService],
  exports: [StudentExportService, StudentErasureService, AccessLogModule],
})
export class PrivacyModule {}
