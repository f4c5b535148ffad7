export * from './domain-error';
export * from './invalid-rows.error';
export * from './error-codes';
