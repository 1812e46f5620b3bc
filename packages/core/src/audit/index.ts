/** Audit module: the audit log, written by every write use case and read by owners (docs/architecture.md, Modules). */
export * from './list-audit.ts';
export * from './record-audit.ts';
