export * from './columns.ts';
export * from './export-creators.ts';
export * from './import-creators.ts';
