export * from './privacy.module';
export * from './subject/data-subject';
export * from './subject/retention.service';
export * from './subject/student-erasure.service';
export * from './subject/student-export.service';
