export * from './access-log/access-log.module';
export * from './access-log/access-log.service';
export * from './cpr-number';
export * from './privacy.module';
export * from './subject/data-subject';
export * from './subject/retention.service';
export * from './subject/student-erasure.service';
export * from './subject/student-export.service';
