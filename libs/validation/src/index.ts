export * from './calendar-date';
export * from './cpr-number';
export * from './unique-items';
export * from './uuid-items';
