export type { DatabaseActivity, DatabaseActivityNow } from './activity.ts';
export * from './changes.ts';
export * from './client.ts';
export {
  type EmbeddedCopy,
  EmbeddedDatabaseFault,
  type EmbeddedFault,
  type EmbeddedFaultKind,
  embeddedCopyFor,
} from './embedded/worker-host.ts';
export * from './errors.ts';
export * from './schema/index.ts';
export {
  currentWorkScope,
  DatabaseBusy,
  isDatabaseBusy,
  isRequestAbandoned,
  outsideRequest,
  RequestAbandoned,
  runInWorkScope,
  type WorkScope,
  type WorkStats,
} from './work-scope.ts';
