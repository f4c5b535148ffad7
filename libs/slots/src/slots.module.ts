import { Module } from '@nestjs/common';
import { OpenSlotsCatalogue } from './open-slots.catalogue';
import { SlotsService } from './slots.service';

@Module({
  providers: [SlotsService, OpenSlotsCatalogue],
  exports: [SlotsService, OpenSlotsCatalogue],
})
export class SlotsModule {}
