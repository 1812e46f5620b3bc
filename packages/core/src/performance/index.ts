/** Performance module: posts, metrics, orders and their imports and receivers, derived facts, reports. */
export * from './facts.ts';
export * from './idempotency.ts';
export * from './import-runs.ts';
export * from './metrics.ts';
export * from './metrics-csv.ts';
export * from './orders.ts';
export * from './posts.ts';
export * from './posts-csv.ts';
export * from './receivers.ts';
export * from './reports/index.ts';
export * from './screenshots.ts';
export * from './trackers.ts';
export * from './webhook.ts';
