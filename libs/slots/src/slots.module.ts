import { NotificationsModule } from '@app/notifications';
import { Module } from '@nestjs/common';
import { OpenSlotsCatalogue } from './open-slots.catalogue';
import { SlotsOpenedHooks } from './slots-opened-hooks';
import { SlotsService } from './slots.service';

@Module({
  imports: [NotificationsModule],
  providers: [SlotsService, OpenSlotsCatalogue, SlotsOpenedHooks],
  exports: [SlotsService, OpenSlotsCatalogue, SlotsOpenedHooks],
})
export class SlotsModule {}
