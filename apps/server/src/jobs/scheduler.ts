import {
  type Clock,
  deliverDueEmails,
  type Mailer,
  markInterruptedImports,
  renewDueAgreements,
} from '@evergreen/core';
import type { Db } from '@evergreen/db';
import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';

export interface Scheduler {
  /** Run the jobs now (after something was queued) instead of waiting for the next tick. */
  kick(): void;
  stop(): Promise<void>;
}

/**
 * In-process scheduler. Jobs derive what is due from the database, so a restart loses
 * nothing and a run that overlaps another is skipped rather than doubled.
 */
export function startScheduler(
  deps: {
    db: Db;
    clock: Clock;
    mailer: Mailer;
    log: FastifyBaseLogger;
    /** The embedded database (PGlite) has no autovacuum: the scheduler vacuums it daily. */
    embedded?: boolean;
  },
  intervalMs = 5000,
): Scheduler {
  let running: Promise<void> | null = null;
  let again = false;
  // Agreements change by the day: activate, renew, end. Hourly is plenty, and the job is idempotent.
  const AGREEMENTS_EVERY_MS = 60 * 60 * 1000;
  let agreementsRunAt = Number.NEGATIVE_INFINITY;
  // PGlite has no autovacuum. Daily VACUUM (ANALYZE) keeps the planner's statistics fresh and the
  // visibility map set, which the reports' index-only scans need; the first one an hour after start.
  const VACUUM_EVERY_MS = 24 * 60 * 60 * 1000;
  let vacuumRunAt = deps.clock.now().getTime() - VACUUM_EVERY_MS + 60 * 60 * 1000;
  // Another server process on the same PostgreSQL may die with an import running: every minute,
  // its runs whose heartbeat stopped are marked interrupted (start does it too).
  const SWEEP_IMPORTS_EVERY_MS = 60 * 1000;
  let importsSweptAt = deps.clock.now().getTime();
  const run = () => {
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      try {
        const r = await deliverDueEmails(deps);
        if (r.sent || r.failed) deps.log.info(r, 'outbox delivery');
      } catch (err) {
        deps.log.error({ err }, 'outbox delivery failed');
      }
      try {
        const at = deps.clock.now().getTime();
        if (at - agreementsRunAt >= AGREEMENTS_EVERY_MS) {
          agreementsRunAt = at;
          const r = await renewDueAgreements(deps);
          if (r.activated || r.renewed || r.ended) deps.log.info(r, 'agreements: activated, renewed, ended');
        }
      } catch (err) {
        deps.log.error({ err }, 'agreement renewals failed');
      }
      try {
        const at = deps.clock.now().getTime();
        if (!deps.embedded && at - importsSweptAt >= SWEEP_IMPORTS_EVERY_MS) {
          importsSweptAt = at;
          const n = await markInterruptedImports(deps.db);
          if (n) deps.log.warn({ interrupted: n }, 'imports of a stopped process marked interrupted');
        }
      } catch (err) {
        deps.log.error({ err }, 'sweeping interrupted imports failed');
      }
      try {
        const at = deps.clock.now().getTime();
        if (deps.embedded && at - vacuumRunAt >= VACUUM_EVERY_MS) {
          vacuumRunAt = at;
          const started = Date.now();
          await deps.db.execute(sql`vacuum (analyze)`);
          deps.log.info({ ms: Date.now() - started }, 'embedded database vacuumed');
        }
      } catch (err) {
        deps.log.error({ err }, 'vacuum failed');
      } finally {
        running = null;
        if (again) {
          again = false;
          run();
        }
      }
    })();
  };
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return {
    kick: run,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
