import { health } from '@evergreen/contracts';
import { appliedMigrationCount, latestMigration } from '@evergreen/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../deps.ts';
import { version } from '../version.ts';

export const healthRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Liveness, database driver and schema version',
        response: { 200: health },
      },
    },
    async () => ({
      status: 'ok' as const,
      driver: deps.driver,
      schemaVersion: latestMigration().tag,
      migrationsApplied: await appliedMigrationCount(deps.db),
      version,
    }),
  );
};
