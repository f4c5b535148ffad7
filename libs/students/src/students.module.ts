import { AccountsModule } from '@app/accounts/accounts.module';
import { AccessLogModule } from '@app/privacy/access-log/access-log.module';
import { Module } from '@nestjs/common';
import { StudentsService } from './students.service';

@Module({
  imports: [AccountsModule, AccessLogModule],
  providers: [StudentsService],
  exports: [StudentsService],
})
export class StudentsModule {}
