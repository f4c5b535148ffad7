import { AccessLogModule } from '@app/access-log';
import { NotificationsModule } from '@app/notifications';
import { RoundsModule } from '@app/rounds';
import { Module } from '@nestjs/common';
import { GuardianConsentsService } from './guardian-consents.service';
import { OfferNotifications } from './offer-notifications';
import { PlacementsService } from './placements.service';
import { TodosService } from './todos.service';

/** Needs the application to import QueuesModule.forRole (for the offers queue). */
@Module({
  imports: [RoundsModule, AccessLogModule, NotificationsModule],
  providers: [PlacementsService, GuardianConsentsService, OfferNotifications, TodosService],
  exports: [PlacementsService, GuardianConsentsService, TodosService],
})
export class PlacementsModule {}
