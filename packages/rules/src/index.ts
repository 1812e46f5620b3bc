/**
 * @evergreen/rules: what the server and the browser must compute the same way (docs/architecture.md,
 * "Shared rules"). Plain functions of plain data; browser-safe: no Node modules, no database.
 */
export * from './cadence.ts';
export * from './days.ts';
export * from './html.ts';
export * from './merge-fields.ts';
export * from './money.ts';
export * from './renewal.ts';
