export * from './alliance';
export * from './demo-cohorts';
export * from './demo-generator';
export * from './demo-round.module';
export * from './demo-round.service';
export * from './seed.module';
export * from './seed.service';
