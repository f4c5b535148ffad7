import { AccountsModule } from '@app/accounts/accounts.module';
import { Module } from '@nestjs/common';
import { StudentsService } from './students.service';

@Module({
  imports: [AccountsModule],
  providers: [StudentsService],
  exports: [StudentsService],
})
export class StudentsModule {}
