export * from './alliance';
export * from './demo-generator';
export * from './seed.module';
export * from './seed.service';
