export * from './accounts.errors';
export * from './accounts.module';
export * from './accounts.service';
export * from './auth-user';
export * from './passwords';
export * from './user.entity';
