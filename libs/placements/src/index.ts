export * from './guardian-consents.service';
export * from './placements.errors';
export * from './placements.module';
export * from './placements.service';
export * from './placements-erasure';
export * from './todos.service';
export * from './student-overview.service';
export * from './placements-table';
