import { ConfigModule, LoggingModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { PlacementsModule } from '@app/placements';
import { QueuesModule } from '@app/queues';
import { RoundsModule } from '@app/rounds';
import { Module } from '@nestjs/common';
import { MatchingProcessor } from './matching/matching.processor';
import { OffersProcessor } from './offers/offers.processor';
import { QueueRecovery } from './recovery';
import { WorkerLifecycle } from './worker-lifecycle';

@Module({
  imports: [ConfigModule, LoggingModule, DatabaseModule, QueuesModule.forRole('worker'),
    RoundsModule,
    PlacementsModule,
  ],
  providers: [WorkerLifecycle, MatchingProcessor, OffersProcessor, QueueRecovery],
})
export class WorkerModule {}
