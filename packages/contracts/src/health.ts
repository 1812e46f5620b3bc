import { z } from 'zod';

export const health = z.object({
  status: z.literal('ok'),
  driver: z.enum(['pglite', 'postgres']),
  schemaVersion: z.string(),
  migrationsApplied: z.number().int(),
  version: z.string(),
});
export type Health = z.infer<typeof health>;
