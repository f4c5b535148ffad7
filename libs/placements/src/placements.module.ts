import { AccessLogModule } from '@app/privacy/access-log/access-log.module';
import { RoundsModule } from '@app/rounds';
import { Module } from '@nestjs/common';
import { PlacementsService } from './placements.service';

/** Needs the application to import QueuesModule.forRole (for the offers queue). */
@Module({
  imports: [RoundsModule, AccessLogModule],
  providers: [PlacementsService],
  exports: [PlacementsService],
})
export class PlacementsModule {}
