import { ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { QueuesModule } from '@app/queues';
import { SeedModule } from '@app/seed';
import { Module } from '@nestjs/common';
import { DemoRoundCommand } from './demo-round.command';
import { MigrateCommand } from './migrate.command';
import { SeedCommand } from './seed.command';

@Module({
  imports: [ConfigModule, DatabaseModule, QueuesModule.forRole('producer'), SeedModule],
  providers: [MigrateCommand, SeedCommand, DemoRoundCommand],
})
export class CliModule {}
