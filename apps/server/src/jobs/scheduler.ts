import { type Clock, type Mailer, deliverDueEmails, renewDueAgreements } from '@evergreen/core';
import type { Db } from '@evergreen/db';
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
  deps: { db: Db; clock: Clock; mailer: Mailer; log: FastifyBaseLogger },
  intervalMs = 5000,
): Scheduler {
  let running: Promise<void> | null = null;
  let again = false;
  // Agreements change by the day: activate, renew, end. Hourly is plenty, and the job is idempotent.
  const AGREEMENTS_EVERY_MS = 60 * 60 * 1000;
  let agreementsRunAt = Number.NEGATIVE_INFINITY;
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
