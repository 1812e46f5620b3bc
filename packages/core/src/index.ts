/**
 * @evergreen/core: every module's public surface (its index.ts). Modules and the allowed direction
 * of imports between them: docs/architecture.md, "Modules"; checked by scripts/check-modules.mjs.
 */
export * from './agreements/index.ts';
export * from './audit/index.ts';
export * from './auth/index.ts';
export * from './budgets/index.ts';
export * from './campaigns/index.ts';
export * from './demo/index.ts';
export * from './imports/index.ts';
export * from './mail/index.ts';
export * from './messaging/index.ts';
export * from './performance/index.ts';
export * from './portfolio/index.ts';
export * from './roster/index.ts';
export * from './shared/index.ts';
export * from './team/index.ts';
export * from './today/index.ts';
export * from './tokens/index.ts';
export * from './workspaces/index.ts';
