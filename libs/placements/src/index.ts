export * from './placement.entity';
export * from './placements.errors';
export * from './placements.module';
export * from './placements.service';
