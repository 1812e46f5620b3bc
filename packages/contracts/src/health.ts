import { z } from 'zod';

export const health = z.object({
  status: z.literal('ok'),
  driver: z.enum(['pglite', 'postgres']),
  schemaVersion: z.string(),
  migrationsApplied: z.number().int(),
  version: z.string(),
});
export type Health = z.infer<typeof health>;

/** `GET /api/health/live`: the process answers (the database is not asked). */
export const liveness = z.object({
  status: z.literal('ok'),
  version: z.string(),
  uptimeSeconds: z.number().int(),
});
export type Liveness = z.infer<typeof liveness>;

/**
 * `GET /api/health/ready`: whether this process can serve requests — the database answers and
 * has every migration this build ships. 200 `ready`, else 503 `not_ready` with the reason and
 * a `Retry-After` header.
 */
export const readiness = z.object({
  status: z.enum(['ready', 'not_ready']),
  /**
   * Why not: the database cannot be reached, did not answer in time, or lacks migrations; or the
   * embedded database is in a fault (storage full, out of memory, crashed: docs/operations/faults.md).
   */
  reason: z
    .enum([
      'database_unavailable',
      'database_timeout',
      'migrations_pending',
      'database_error',
      'database_storage_full',
      'database_out_of_memory',
      'database_crashed',
    ])
    .optional(),
  /** With a fault: when it happened, and whether the server is reopening the database by itself. */
  faultSince: z.string().optional(),
  restarting: z.boolean().optional(),
  driver: z.enum(['pglite', 'postgres']),
  schemaVersion: z.string(),
  migrationsApplied: z.number().int().nullable(),
  migrationsExpected: z.number().int(),
  version: z.string(),
});
export type Readiness = z.infer<typeof readiness>;
