import { AccountsModule } from '@app/accounts';
import { ConfigModule, LoggingModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { NotificationsModule } from '@app/notifications';
import { OrganisationsModule } from '@app/organisations';
import { PipelineModule } from '@app/pipeline';
import { PlacementsModule } from '@app/placements';
import { PrivacyModule } from '@app/privacy';
import { QueuesModule, RedisModule } from '@app/queues';
import { RoundsModule } from '@app/rounds';
import { SlotsModule } from '@app/slots';
import { StudentsModule } from '@app/students';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AdminOrganisationsController } from './admin/admin-organisations.controller';
import { AdminUsersController } from './admin/admin-users.controller';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { LoginThrottlingModule } from './auth/login-throttling';
import { HealthModule } from './health/health.module';
import { MeController } from './me/me.controller';
import { AdminNotificationsController } from './notifications/admin-notifications.controller';
import { MeNotificationsController } from './notifications/me-notifications.controller';
import { EmailSettingsController } from './notifications/email-settings.controller';
import { OrganisationsController } from './organisations/organisations.controller';
import { ProgrammesController } from './organisations/programmes.controller';
import { HiringNeedsController } from './pipeline/hiring-needs.controller';
import {
  FollowUpConsentController,
  FollowUpFormController,
} from './pipeline/follow-ups.controller';
import {
  EnrolmentRequestsController,
  MyEnrolmentsController,
} from './enrolments/enrolments.controller';
import { OutcomeListController, OutcomesController } from './pipeline/outcomes.controller';
import { PipelineReportController } from './pipeline/pipeline-report.controller';
import {
  SchoolTransitionsController,
  SupplyDemandController,
} from './pipeline/supply-demand.controller';
import { GuardianConsentController } from './placements/guardian-consent.controller';
import { PlacementsController } from './placements/placements.controller';
import { AccessLogController } from './privacy/access-log.controller';
import { QueueBoardModule } from './queue-board/queue-board.module';
import { ReportsController } from './reports/reports.controller';
import { PreferencesController } from './rounds/preferences.controller';
import { RoundListsController } from './rounds/round-lists.controller';
import { RoundsController } from './rounds/rounds.controller';
import { SlotsController } from './slots/slots.controller';
import { StudentsController } from './students/students.controller';

@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    DatabaseModule,
    RedisModule,
    QueuesModule.forRole('producer'),
    LoginThrottlingModule,
    HealthModule,
    RoundsModule,
    PlacementsModule,
    AccountsModule,
    NotificationsModule,
    QueueBoardModule,
    OrganisationsModule,
    SlotsModule,
    StudentsModule,
    PrivacyModule,
    PipelineModule,
  ],
  controllers: [
    RoundsController,
    PreferencesController,
    RoundListsController,
    PlacementsController,
    GuardianConsentController,
    ReportsController,
    AuthController,
    MeController,
    MeNotificationsController,
    EmailSettingsController,
    AdminNotificationsController,
    OrganisationsController,
    ProgrammesController,
    SlotsController,
    StudentsController,
    AdminOrganisationsController,
    AdminUsersController,
    AccessLogController,
    HiringNeedsController,
    OutcomesController,
    OutcomeListController,
    EnrolmentRequestsController,
    MyEnrolmentsController,
    SupplyDemandController,
    PipelineReportController,
    FollowUpConsentController,
    FollowUpFormController,
    SchoolTransitionsController,
  ],
  providers: [{ provide: APP_GUARD, useClass: AuthGuard }],
})
export class AppModule {}
