/**
 * Shared kernel: context, access checks, errors, money, CSV text, values, secrets. Imports no module.
 * Days, renewal dates and cadence are @evergreen/rules' (shared with the web app).
 */
export * from './access.ts';
export * from './context.ts';
export * from './csv-text.ts';
export * from './db-errors.ts';
export * from './document-links.ts';
export * from './encoding.ts';
export * from './errors.ts';
export * from './files.ts';
export * from './key-check.ts';
export * from './money.ts';
export * from './random.ts';
export * from './secret-box.ts';
export * from './secrets.ts';
export * from './values.ts';
export * from './workspace-zone.ts';
