import { ConfigModule, LoggingModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { PipelineModule } from '@app/pipeline';
import { PlacementsModule } from '@app/placements';
import { PrivacyModule } from '@app/privacy';
import { QueuesModule } from '@app/queues';
import { RoundsModule } from '@app/rounds';
import { Module } from '@nestjs/common';
import { JobsModule } from './jobs/jobs.module';
import { MatchingProcessor } from './matching/matching.processor';
import { OffersProcessor } from './offers/offers.processor';
import { PipelineProcessor } from './pipeline/pipeline.processor';
import { RetentionProcessor } from './privacy/retention.processor';
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
    PrivacyModule,
    PipelineModule,
  ],
  providers: [
    WorkerLifecycle,
    MatchingProcessor,
    OffersProcessor,
    RetentionProcessor,
    PipelineProcessor,
    QueueRecovery,
  ],
})
export class WorkerModule {}
