export * from './calendar-date';
export * from './dto/slot.dto';
export * from './eligibility';
export * from './slot-view';
export * from './slot.entity';
export * from './slots.errors';
export * from './slots.module';
export * from './slots.service';
