import { AccessLogModule } from '@app/access-log';
import { NotificationsModule } from '@app/notifications';
import { RoundsModule } from '@app/rounds';
import { StudentsModule } from '@app/students';
import { Module } from '@nestjs/common';
import { GuardianConsentsService } from './guardian-consents.service';
import { OfferNotifications } from './offer-notifications';
import { PlacementsService } from './placements.service';
import { StudentOverviewService } from './student-overview.service';
import { TodosService } from './todos.service';

/** Needs the application to import QueuesModule.forRole (for the offers queue). */
@Module({
  imports: [RoundsModule, StudentsModule, AccessLogModule, NotificationsModule],
  providers: [
    PlacementsService,
    GuardianConsentsService,
    OfferNotifications,
    StudentOverviewService,
    TodosService,
  ],
  exports: [PlacementsService, GuardianConsentsService, StudentOverviewService, TodosService],
})
export class PlacementsModule {}
