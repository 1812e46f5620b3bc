import { type Actor, type Clock, dayInZone } from '@evergreen/core';
import { changedSince, currentXmin, type Db, pruneChanges, takeSnapshot } from '@evergreen/db';
import { toDay } from '@evergreen/rules';
import type { FastifyReply } from 'fastify';
import { LRUCache } from 'lru-cache';

/**
 * Kept answers (docs/decisions/0023-kept-answers.md): a read's serialized answer, kept in this
 * process's memory per workspace and served again until the workspace's data changes.
 *
 * Before computing, the snapshot of the database the answer reads from is taken
 * (`pg_current_snapshot()`); the answer is computed afterwards (in a later snapshot: fresher is
 * harmless) and kept with it. A later request serves it only if no transaction that snapshot did
 * not see has recorded a change to the workspace in `workspace_changes` (the triggers of migration
 * 0028): one indexed query. A transaction still running when the snapshot was taken counts as
 * unseen, so its commit makes the answer stale however its id compares with others. That holds
 * across server processes sharing one PostgreSQL, and for a read replica (the snapshot and the
 * check are both taken on the database the answer reads).
 *
 * The key is the workspace, the caller (user or token, and role), the URL (path and query) and
 * the UTC day (the roster's and the reports' "today"); an entry also ends with the workspace's own
 * day (Today's), and after MAX_AGE_MS at most, so pruning old changes can never make it look fresh.
 */
export interface KeptAnswers {
  /**
   * A JSON answer: the body is the route's own serialization (its response schema), sent as is on
   * a hit. Resolves to the reply, sent (Fastify's "return reply"), typed `never` so that a route
   * whose response schema types its return accepts it.
   */
  json(req: KeptRequest, reply: FastifyReply, db: Db, compute: () => Promise<unknown>): Promise<never>;
  /** A CSV download (`{ filename, csv }`), sent by `send` either way. */
  file<T extends { filename: string; csv: string }>(
    req: KeptRequest,
    db: Db,
    compute: () => Promise<T>,
  ): Promise<{ filename: string; csv: string }>;
  /** Counts, for tests and the logs: answers computed, answers served from memory. */
  readonly stats: { computed: number; served: number };
  /** Forget everything (tests). */
  clear(): void;
}

/** What of a request the key needs (a Fastify request has it). */
export interface KeptRequest {
  url: string;
  actor?: Actor | null | undefined;
}

/**
 * An answer is never kept longer than this (real time). The pruning job (pruneWorkspaceChanges)
 * removes only changes older than every snapshot taken within PRUNE_HORIZON_MS, which is longer.
 */
export const MAX_AGE_MS = 10 * 60 * 1000;

/** 64 MB: the 2,000-creator roster is 860 KiB of JSON (1.7 MB in memory). */
export const DEFAULT_KEPT_ANSWERS_BYTES = 64 * 1024 * 1024;

interface Entry {
  /** JSON as UTF-8 bytes (sent without encoding again), a CSV as its text. */
  body: Buffer | string;
  filename?: string;
  snapshot: string;
  timeZone: string;
  localDay: string;
  keptAt: number;
}

type Out = { body: Buffer | string; filename?: string };

const JSON_TYPE = 'application/json; charset=utf-8';

/** `maxBytes` 0 turns keeping off: every request computes its answer, as before. */
export function keptAnswers(opts: { maxBytes: number; clock: Clock; now?: () => number }): KeptAnswers {
  const now = opts.now ?? Date.now;
  const stats = { computed: 0, served: 0 };
  const cache =
    opts.maxBytes > 0
      ? new LRUCache<string, Entry>({
          maxSize: opts.maxBytes,
          // Bytes: a Buffer's length, a string's UTF-16 (two a character), plus the key.
          sizeCalculation: (e, k) =>
            (typeof e.body === 'string' ? 2 * e.body.length : e.body.length) +
            2 * (k.length + e.snapshot.length) +
            200,
          ttl: MAX_AGE_MS,
          ttlAutopurge: false,
        })
      : null;
  // One computation at a time per key. Requests are numbered as they arrive, computations as they
  // start (before their snapshot is taken): a request waiting for a computation that started after
  // it arrived takes its answer as it is (the snapshot saw every commit before the request); one
  // that started earlier is checked like any kept answer. So 50 requests after a change wait for
  // one computation instead of making 50.
  let seq = 0;
  const running = new Map<string, { started: number; work: Promise<Entry> }>();

  async function answer(req: KeptRequest, db: Db, compute: () => Promise<Out>): Promise<Out> {
    const actor = req.actor;
    if (!cache || !actor) {
      stats.computed++;
      return compute();
    }
    const arrived = ++seq;
    const nowDate = opts.clock.now();
    const key = [
      actor.workspaceId,
      actor.role,
      actor.userId ?? '',
      actor.tokenId ?? '',
      toDay(nowDate),
      req.url,
    ].join('\n');
    const current = (e: Entry) =>
      now() - e.keptAt < MAX_AGE_MS && dayInZone(nowDate, e.timeZone) === e.localDay;
    for (;;) {
      const r = running.get(key);
      if (r) {
        const e = await r.work.catch(() => null);
        if (e && r.started > arrived && current(e)) {
          stats.served++;
          return e;
        }
      }
      const kept = cache.get(key);
      if (kept && current(kept) && !(await changedSince(db, actor.workspaceId, kept.snapshot))) {
        stats.served++;
        return kept;
      }
      // Another request started computing while this one checked, or has kept a newer answer
      // meanwhile: wait for that one, or check that one.
      if (!running.has(key) && cache.get(key) === kept) break;
    }
    const started = ++seq;
    const work = (async () => {
      const keptAt = now();
      const { snapshot, timeZone } = await takeSnapshot(db, actor.workspaceId);
      stats.computed++;
      const out = await compute();
      const e: Entry = { ...out, snapshot, timeZone, localDay: dayInZone(nowDate, timeZone), keptAt };
      cache.set(key, e);
      return e;
    })();
    running.set(key, { started, work });
    try {
      return await work;
    } finally {
      if (running.get(key)?.work === work) running.delete(key);
    }
  }

  return {
    stats,
    clear: () => cache?.clear(),
    async json(req, reply, db, compute) {
      const out = await answer(req, db, async () => ({
        body: Buffer.from(String(reply.serialize(await compute())), 'utf8'),
      }));
      // A Buffer with a JSON content type is sent as it is (Fastify serializes no Buffer).
      return reply.type(JSON_TYPE).send(out.body) as never;
    },
    async file(req, db, compute) {
      const out = await answer(req, db, async () => {
        const f = await compute();
        return { body: f.csv, filename: f.filename };
      });
      return { filename: out.filename!, csv: String(out.body) };
    },
  };
}

/**
 * Changes older than this are pruned: an hour, well past MAX_AGE_MS, so that a kept answer (never
 * older than MAX_AGE_MS) always took its snapshot after the xmin the pruning uses was observed, and
 * a read replica lagging by up to the difference (50 minutes) is covered too.
 */
export const PRUNE_HORIZON_MS = MAX_AGE_MS + 50 * 60 * 1000;

/**
 * The pruning job's state: each run notes the xmin of a fresh snapshot with the time it was
 * observed, and deletes the changes below the newest xmin observed at least PRUNE_HORIZON_MS ago.
 * Every snapshot taken after that observation has an xmin at least as large (xmin never goes
 * back), so saw every change deleted: no kept answer can need them. `nowMs` is monotonic real time.
 */
export function changesPruner(db: Db): (nowMs: number) => Promise<number | null> {
  const observed: { at: number; xmin: string }[] = [];
  return async (nowMs) => {
    observed.push({ at: nowMs, xmin: await currentXmin(db) });
    let horizon: string | undefined;
    while (observed.length && nowMs - observed[0]!.at >= PRUNE_HORIZON_MS) horizon = observed.shift()!.xmin;
    // Before an hour has passed, only the ids this cluster never handed out go (a restored backup).
    return pruneChanges(db, horizon ?? '0');
  };
}
