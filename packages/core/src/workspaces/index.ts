/** Workspaces module: workspaces, their settings (which refresh performance facts) and tier policies. */
export * from './tiers.ts';
export * from './workspaces.ts';
