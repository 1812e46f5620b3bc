import { health, liveness, type Readiness, readiness } from '@evergreen/contracts';
import { appliedMigrationCount, isDatabaseUnavailable, latestMigration } from '@evergreen/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../deps.ts';
import { DATABASE_RETRY_AFTER_SECONDS, faultAnswer } from '../plugins/errors.ts';
import { version } from '../version.ts';

const started = Date.now();

/**
 * Health probes (docs/operations/health.md): liveness never touches the database (it answers
 * while a long import holds PGlite), readiness asks the database with a deadline and compares
 * its migrations with this build's; `/api/health` keeps its answer (503 when the database is
 * unreachable).
 */
export const healthRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const tags = ['system'];
  app.get(
    '/api/health',
    {
      schema: {
        tags,
        summary:
          'Database driver, schema version and applied migrations (503 when the database is unreachable)',
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

  app.get(
    '/api/health/live',
    {
      schema: {
        tags,
        summary:
          'Liveness: the process answers; the database is not asked (restart the process when this fails)',
        response: { 200: liveness },
      },
    },
    async () => ({
      status: 'ok' as const,
      version,
      uptimeSeconds: Math.floor((Date.now() - started) / 1000),
    }),
  );

  app.get(
    '/api/health/ready',
    {
      schema: {
        tags,
        summary:
          'Readiness: the database answers and has every migration of this build (else 503 with Retry-After; send no traffic)',
        response: { 200: readiness, 503: readiness },
      },
    },
    async (req, reply) => {
      const expected = latestMigration();
      const base = {
        driver: deps.driver,
        schemaVersion: expected.tag,
        migrationsExpected: expected.count,
        version,
      };
      // The embedded database in a fault: say which at once, without asking it.
      const fault = deps.databaseFault?.();
      if (fault) {
        const reason =
          fault.kind === 'storage_full'
            ? 'database_storage_full'
            : fault.kind === 'out_of_memory'
              ? 'database_out_of_memory'
              : 'database_crashed';
        return reply
          .status(503)
          .header('retry-after', String(faultAnswer(fault.kind).retryAfter))
          .send({
            status: 'not_ready',
            reason,
            migrationsApplied: null,
            faultSince: fault.at.toISOString(),
            restarting: fault.restarting,
            ...base,
          } satisfies Readiness);
      }
      const timeoutMs = deps.readyTimeoutMs ?? 5000;
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
      });
      const asked = appliedMigrationCount(deps.db);
      let answer: Readiness;
      try {
        const applied = await Promise.race([asked, deadline]);
        answer =
          applied === 'timeout'
            ? { status: 'not_ready', reason: 'database_timeout', migrationsApplied: null, ...base }
            : applied < expected.count
              ? { status: 'not_ready', reason: 'migrations_pending', migrationsApplied: applied, ...base }
              : { status: 'ready', migrationsApplied: applied, ...base };
      } catch (err) {
        const reason = isDatabaseUnavailable(err)
          ? 'database_unavailable'
          : // No migrations table yet: nothing is migrated.
            /42P01/.test(String((err as { cause?: { code?: string } }).cause?.code ?? ''))
            ? 'migrations_pending'
            : 'database_error';
        req.log.warn({ err }, `not ready: ${reason}`);
        answer = { status: 'not_ready', reason, migrationsApplied: null, ...base };
      } finally {
        clearTimeout(timer);
        // A query still running past the deadline must not surface as an unhandled rejection.
        asked.catch(() => {});
      }
      if (answer.status === 'ready') return answer;
      return reply.status(503).header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS)).send(answer);
    },
  );
};
