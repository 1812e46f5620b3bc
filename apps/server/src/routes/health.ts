import { health, liveness, type Readiness, readiness } from '@evergreen/contracts';
import { appliedMigrationCount, isDatabaseUnavailable, latestMigration } from '@evergreen/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../deps.ts';
import { DATABASE_RETRY_AFTER_SECONDS, faultAnswer } from '../plugins/errors.ts';
import { version } from '../version.ts';

const started = Date.now();

/**
 * On the embedded database, a statement answered this recently (and none in flight) shows it
 * serves: the probes answer without asking it.
 */
export const RECENT_ANSWER_MS = 2000;

/**
 * Health probes (docs/operations/health.md): liveness never touches the database (it answers
 * while a long import holds PGlite), readiness asks the database with a deadline and compares
 * its migrations with this build's; `/api/health` keeps its answer (503 when the database is
 * unreachable).
 *
 * PGlite in its worker serves one statement at a time, so a probe that asks it waits behind
 * every statement queued before it (reports back to back: seconds). There the probes read what
 * the database is doing instead (`databaseActivity`) and the applied-migration count is kept
 * once known (nothing else migrates an embedded database while this process holds it):
 * - nothing in flight and an answer in the last {@link RECENT_ANSWER_MS}: it serves, at once;
 * - a statement in flight for less than the deadline: `/api/health` answers at once; readiness
 *   waits for the database's next answer (never for the statements queued behind it) until the
 *   statement has run for the deadline, then says `database_timeout`;
 * - otherwise (idle for a while, a statement past the deadline for `/api/health`, the count not
 *   known yet, a fault) they ask, as on PostgreSQL, where a probe gets a connection of its own.
 */
export const healthRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const tags = ['system'];
  const timeoutMs = deps.readyTimeoutMs ?? 5000;
  const activity = deps.databaseActivity;
  /** The applied-migration count, once it covers this build's (PGlite in its worker only). */
  let knownApplied: number | null = null;
  const askApplied = async () => {
    // PostgreSQL: readiness asks on a pool of its own, never behind the requests filling the main one.
    const applied = await appliedMigrationCount(deps.probeDb ?? deps.db);
    if (activity && applied >= latestMigration().count) knownApplied = applied;
    return applied;
  };
  /** The count without asking, when the embedded database shows it serves; else null (ask). */
  const appliedWithoutAsking = (maxBusyMs: number): number | null => {
    if (!activity || knownApplied === null || deps.databaseFault?.()) return null;
    const now = activity.now();
    const at = Date.now();
    if (now.inFlight === 0)
      return now.lastAnsweredAt !== null && at - now.lastAnsweredAt < RECENT_ANSWER_MS ? knownApplied : null;
    return now.busySince !== null && at - now.busySince < maxBusyMs ? knownApplied : null;
  };
  // Known from the start (the server migrated before it listens), not first learnt by a probe
  // queued behind the first reports; a failure here leaves it to the first probe.
  if (activity) void askApplied().catch(() => {});
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
      migrationsApplied: appliedWithoutAsking(timeoutMs) ?? (await askApplied()),
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
      const notReady = (answer: Readiness, retryAfter = DATABASE_RETRY_AFTER_SECONDS) =>
        reply.status(503).header('retry-after', String(retryAfter)).send(answer);
      // The embedded database in a fault: say which at once, without asking it.
      const inFault = () => {
        const fault = deps.databaseFault?.();
        if (!fault) return null;
        const reason =
          fault.kind === 'storage_full'
            ? 'database_storage_full'
            : fault.kind === 'out_of_memory'
              ? 'database_out_of_memory'
              : 'database_crashed';
        return notReady(
          {
            status: 'not_ready',
            reason,
            migrationsApplied: null,
            faultSince: fault.at.toISOString(),
            restarting: fault.restarting,
            ...base,
          },
          faultAnswer(fault.kind).retryAfter,
        );
      };
      const faulty = inFault();
      if (faulty) return faulty;
      // The embedded database serving (idle after a recent answer): ready without asking it.
      const known = appliedWithoutAsking(0);
      if (known !== null) return { status: 'ready' as const, migrationsApplied: known, ...base };
      // A statement in flight: wait for the database's next answer, until that statement has run
      // for the deadline (not for the statements queued behind it, which a question would).
      const busySince = activity && knownApplied !== null ? activity.now().busySince : null;
      if (activity && busySince !== null) {
        const answered = await activity.nextAnswer(busySince + timeoutMs - Date.now());
        const faultMeanwhile = inFault();
        if (faultMeanwhile) return faultMeanwhile;
        if (!answered)
          return notReady({
            status: 'not_ready',
            reason: 'database_timeout',
            migrationsApplied: null,
            ...base,
          });
        if (knownApplied !== null)
          return { status: 'ready' as const, migrationsApplied: knownApplied, ...base };
      }
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
      });
      const asked = askApplied();
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
      return answer.status === 'ready' ? answer : notReady(answer);
    },
  );
};
