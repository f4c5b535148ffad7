import { AccessLogModule } from '@app/privacy/access-log/access-log.module';
import { NotificationsModule } from '@app/notifications';
import { RoundsModule } from '@app/rounds';
import { Module } from '@nestjs/common';
import { OfferNotifications } from './offer-notifications';
import { PlacementsService } from './placements.service';

/** Needs the application to import QueuesModule.forRole (for the offers queue). */
@Module({
  imports: [RoundsModule, AccessLogModule, NotificationsModule],
  providers: [PlacementsService, OfferNotifications],
  exports: [PlacementsService],
})
export class PlacementsModule {}
