export * from './csv-table';
export * from './validate-row';
export * from './table-export';
