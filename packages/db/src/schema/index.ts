export * from './agreements.ts';
export * from './budgets.ts';
export * from './identity.ts';
export * from './messaging.ts';
export * from './performance.ts';
export * from './roster.ts';
export * from './selection.ts';
export * from './workspaces.ts';
