import { ConfigModule, LoggingModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { PlacementsModule } from '@app/placements';
import { QueuesModule } from '@app/queues';
import { RoundsModule } from '@app/rounds';
import { Module } from '@nestjs/common';
import { JobsModule } from './jobs/jobs.module';
import { MatchingProcessor } from './matching/matching.processor';
import { OffersProcessor } from './offers/offers.processor';
import { NotificationsWorkerModule } from './notifications/notifications-worker.module';
import { QueueRecovery } from './recovery';
import { WorkerLifecycle } from './worker-lifecycle';

@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    DatabaseModule,
    QueuesModule.forRole('worker'),
    JobsModule,
    NotificationsWorkerModule,
    RoundsModule,
    PlacementsModule,
  ],
  providers: [WorkerLifecycle, MatchingProcessor, OffersProcessor, QueueRecovery],
})
export class WorkerModule {}
