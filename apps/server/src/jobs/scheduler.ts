import {
  type Clock,
  deliverDueEmails,
  type Mailer,
  markInterruptedImports,
  refreshScoreFacts,
  renewDueAgreements,
  runMonthlySummaries,
} from '@evergreen/core';
import { type Db, outsideRequest } from '@evergreen/db';
import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { changesPruner } from '../kept.ts';

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
    /** For the links in the monthly summaries; without it the monthly job does not run. */
    publicUrl?: string;
    /** The outbox's wait before a retry (default 1, 4, 16, 64 minutes; tests shorten it). */
    retryDelay?: (attempts: number) => number;
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
  // Monthly results summaries go on the 1st–7th of a month (workspace time zone): every 10 minutes
  // is plenty; the first run at start. Each creator's month is claimed by a unique key, so a
  // restart or a second process never sends one twice (portal/monthly.ts).
  const MONTHLY_EVERY_MS = 10 * 60 * 1000;
  let monthlyRunAt = Number.NEGATIVE_INFINITY;
  // The score facts of a workspace's new day are computed here, ahead of its first Today
  // (selection/refresh.ts): a minute after midnight in its time zone at the latest, and at start.
  const SCORE_FACTS_EVERY_MS = 60 * 1000;
  let scoreFactsRunAt = Number.NEGATIVE_INFINITY;
  const scoreFactsDone = new Map<string, string>();
  // Kept answers' change log (docs/decisions/0023-kept-answers.md): every 10 minutes, changes
  // older than every kept answer's snapshot are deleted (real time, not the clock: kept answers
  // age in real time). One process at a time; the others' runs are skipped.
  const PRUNE_EVERY_MS = 10 * 60 * 1000;
  let prunedAt = Number.NEGATIVE_INFINITY;
  const prune = changesPruner(deps.db);
  let rounds = 0;
  const run = () => {
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      try {
        const at = deps.clock.now().getTime();
        if (deps.publicUrl && at - monthlyRunAt >= MONTHLY_EVERY_MS) {
          monthlyRunAt = at;
          const r = await runMonthlySummaries(
            { db: deps.db, clock: deps.clock, publicUrl: deps.publicUrl },
            { onError: (err, creatorId) => deps.log.error({ err, creatorId }, 'monthly summary failed') },
          );
          if (r.queued || r.skipped) deps.log.info(r, 'monthly summaries: queued, not sent');
        }
      } catch (err) {
        deps.log.error({ err }, 'monthly summaries failed');
      }
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
        if (at - scoreFactsRunAt >= SCORE_FACTS_EVERY_MS) {
          scoreFactsRunAt = at;
          const started = Date.now();
          const r = await refreshScoreFacts(deps, scoreFactsDone, (err, workspaceId) =>
            deps.log.error({ err, workspaceId }, 'score facts refresh failed'),
          );
          if (r.refreshed)
            deps.log.info({ ...r, ms: Date.now() - started }, 'score facts of the day computed');
        }
      } catch (err) {
        deps.log.error({ err }, 'score facts refresh failed');
      }
      try {
        const at = performance.now();
        if (at - prunedAt >= PRUNE_EVERY_MS) {
          prunedAt = at;
          const n = await prune(at);
          if (n) deps.log.info({ deleted: n }, 'workspace changes pruned');
        }
      } catch (err) {
        deps.log.error({ err }, 'pruning workspace changes failed');
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
        // Once per process: operators (and the several-process test) see the jobs have had a round.
        if (++rounds === 1) deps.log.info('scheduler: first round done');
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
    // A request kicks it (mail queued): the round is the server's, not bound to that request (decision 0024).
    kick: () => outsideRequest(run),
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
