import { AccessLogModule } from '@app/access-log';
import { NotificationsModule } from '@app/notifications';
import { SlotsModule } from '@app/slots';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApplicantsService } from './applicants.service';
import { ExplanationsService } from './reports/explanations.service';
import { PreferencesService } from './preferences/preferences.service';
import { ReportsService } from './reports/reports.service';
import { ResultsService } from './reports/results.service';
import { Round } from '@app/database';
import { RoundRunner } from './run/round-run.service';
import { OpenRoundMembership } from './open-round-membership';
import { RoundSlotsService } from './round-slots.service';
import { RoundStudentsService } from './round-students.service';
import { RoundTodosService } from './round-todos';
import { RoundsService } from './rounds.service';

const SERVICES = [
  RoundsService,
  PreferencesService,
  ApplicantsService,
  ExplanationsService,
  ResultsService,
  ReportsService,
  RoundRunner,
  RoundSlotsService,
  RoundStudentsService,
  RoundTodosService,
];

/** Needs BullMQ registered by the application (QueuesModule.forRole) for the matching queue. */
@Module({
  imports: [TypeOrmModule.forFeature([Round]), AccessLogModule, NotificationsModule, SlotsModule],
  providers: [...SERVICES, OpenRoundMembership],
  exports: SERVICES,
})
export class RoundsModule {}
