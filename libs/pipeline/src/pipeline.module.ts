import { AccessLogModule } from '@app/access-log';
import { NotificationsModule } from '@app/notifications';
import { Module } from '@nestjs/common';
import { FollowUpsService } from './follow-ups.service';
import { HiringNeedsService } from './hiring-needs.service';
import { OutcomeRemindersService } from './outcome-reminders.service';
import { OutcomesService } from './outcomes.service';
import { PipelineReportService } from './pipeline-report.service';
import { SchoolTransitionsService } from './school-transitions.service';
import { SupplyDemandService } from './supply-demand.service';

const SERVICES = [
  HiringNeedsService,
  OutcomesService,
  OutcomeRemindersService,
  SupplyDemandService,
  FollowUpsService,
  PipelineReportService,
  SchoolTransitionsService,
];

/**
 * The talent pipeline: hiring needs, outcomes, follow-ups, supply and demand, the funnel, moves
 * between schools.
 */
@Module({
  imports: [AccessLogModule, NotificationsModule],
  providers: SERVICES,
  exports: SERVICES,
})
export class PipelineModule {}
