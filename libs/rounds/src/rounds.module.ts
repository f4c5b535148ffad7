import { AccessLogModule } from '@app/privacy/access-log/access-log.module';
import { NotificationsModule } from '@app/notifications';
import { SlotsModule } from '@app/slots/slots.module';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApplicantsService } from './applicants.service';
import { ExplanationsService } from './explanations.service';
import { PreferencesService } from './preferences.service';
import { ReportsService } from './reports.service';
import { ResultsService } from './results.service';
import { Round } from './round.entity';
import { RoundRunner } from './round-runner';
import { RoundSlotsService } from './round-slots.service';
import { RoundStudentsService } from './round-students.service';
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
];

/** Needs BullMQ registered by the application (QueuesModule.forRole) for the matching queue. */
@Module({
  imports: [TypeOrmModule.forFeature([Round]), AccessLogModule, NotificationsModule, SlotsModule],
  providers: SERVICES,
  exports: SERVICES,
})
export class RoundsModule {}
