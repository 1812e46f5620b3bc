export * from './identity.ts';
export * from './workspaces.ts';
