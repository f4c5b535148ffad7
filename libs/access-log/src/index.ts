export * from './access-log.module';
export * from './access-log.service';
