export * from './passwords';
export * from './user.entity';
