import { Module } from '@nestjs/common';
import { SeedService } from './seed.service';

/** Reference data and the demo: PostgreSQL only, so seeding needs no queue. */
@Module({
  providers: [SeedService],
  exports: [SeedService],
})
export class SeedModule {}
