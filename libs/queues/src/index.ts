export * from './queue-backend';
export * from './queue-names';
export * from './queues.module';
export * from './redis';
export * from './redis.module';
