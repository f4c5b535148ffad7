import { ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { SeedModule } from '@app/seed';
import { Module } from '@nestjs/common';
import { MigrateCommand } from './migrate.command';
import { SeedCommand } from './seed.command';

@Module({
  imports: [ConfigModule, DatabaseModule, SeedModule],
  providers: [MigrateCommand, SeedCommand],
})
export class CliModule {}
