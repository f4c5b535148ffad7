export * from './access-log/access-log.module';
export * from './access-log/access-log.service';
export * from './cpr-number';
