export * from './student.entity';
