export * from './auth.ts';
export * from './common.ts';
export * from './errors.ts';
export * from './health.ts';
export * from './roster.ts';
export * from './roster-csv.ts';
export * from './workspaces.ts';
export * from './messaging.ts';
