export * from './identity.ts';
export * from './workspaces.ts';
export * from './roster.ts';
export * from './messaging.ts';
export * from './agreements.ts';
export * from './budgets.ts';
export * from './performance.ts';
