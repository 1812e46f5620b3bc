export * from './client.ts';
export * from './schema/index.ts';
export { type EmbeddedCopy, embeddedCopyFor } from './embedded/worker-host.ts';
