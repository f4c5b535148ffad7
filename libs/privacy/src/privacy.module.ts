import { AccountsModule } from '@app/accounts';
import { Module } from '@nestjs/common';
import { AccessLogModule } from '@app/access-log';
import { RetentionService } from './subject/retention.service';
import { StudentErasureService } from './subject/student-erasure.service';
import { StudentExportService } from './subject/student-export.service';

/**
 * A student's rights over their data: export, erasure, and erasure when the retention ends. Needs BullMQ registered by the
 * application (QueuesModule.forRole), for the notification jobs an erasure removes.
 */
@Module({
  imports: [AccessLogModule, AccountsModule],
  providers: [StudentExportService, StudentErasureService, RetentionService],
  exports: [StudentExportService, StudentErasureService, RetentionService, AccessLogModule],
})
export class PrivacyModule {}
