import { AccountsModule } from '@app/accounts';
import { AccessLogModule } from '@app/access-log';
import { NotificationsModule } from '@app/notifications';
import { Module } from '@nestjs/common';
import { EnrolmentsService } from './enrolments.service';
import { StudentsService } from './students.service';

@Module({
  imports: [AccountsModule, AccessLogModule, NotificationsModule],
  providers: [StudentsService, EnrolmentsService],
  exports: [StudentsService, EnrolmentsService],
})
export class StudentsModule {}
