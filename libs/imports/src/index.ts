export * from './csv-table';
export * from './validate-row';
