export * from './eligibility';
export * from './slot.entity';
