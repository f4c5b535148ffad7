import { PlacementsModule } from '@app/placements';
import { RoundsModule } from '@app/rounds';
import { Module } from '@nestjs/common';
import { DemoRoundService } from './demo-round.service';

/** The demo round needs the application to register the queues (QueuesModule.forRole). */
@Module({
  imports: [RoundsModule, PlacementsModule],
  providers: [DemoRoundService],
  exports: [DemoRoundService],
})
export class DemoRoundModule {}
