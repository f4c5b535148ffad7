import { ConfigModule, LoggingModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { OrganisationsModule } from '@app/organisations';
import { RedisModule } from '@app/queues';
import { Module } from '@nestjs/common';
import { HealthModule } from './health/health.module';
import { OrganisationsController } from './organisations/organisations.controller';

@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    DatabaseModule,
    RedisModule,
    HealthModule,
    OrganisationsModule,
  ],
  controllers: [OrganisationsController],
})
export class AppModule {}
