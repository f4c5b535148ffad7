import { ConfigModule, LoggingModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { QueuesModule } from '@app/queues';
import { Module } from '@nestjs/common';
import { WorkerLifecycle } from './worker-lifecycle';

@Module({
  imports: [ConfigModule, LoggingModule, DatabaseModule, QueuesModule.forRole('worker')],
  providers: [WorkerLifecycle],
})
export class WorkerModule {}
