export * from './slot.entity';
