export * from './app-config';
export * from './config.module';
export * from './jwt-secret';
export * from './redact-url';
export * from './service-unavailable.error';
export * from './logging.module';
