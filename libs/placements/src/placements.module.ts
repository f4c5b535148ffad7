import { RoundsModule } from '@app/rounds';
import { Module } from '@nestjs/common';
import { PlacementsService } from './placements.service';

/** Needs the application to import QueuesModule.forRole (for the offers queue). */
@Module({
  imports: [RoundsModule],
  providers: [PlacementsService],
  exports: [PlacementsService],
})
export class PlacementsModule {}
