/**
 * HTTP load at the reference size (or a given size), on loopback, for each engine: the server
 * (the real app, listening on 127.0.0.1, PGlite in its worker thread as `evergreen start` runs
 * it, or PostgreSQL) is loaded with the reference dataset, then autocannon (in a child process)
 * drives BENCH_CONNECTIONS concurrent connections for BENCH_SECONDS against Today, the roster, a
 * creator page and each report, one endpoint at a time; last, the six reports together with
 * /api/health, /api/health/ready and /api/health/live probed on one connection each alongside,
 * and the server's event-loop delay (p99, max) while each endpoint ran. Prints req/s, p50, p99 and errors (non-2xx, timeouts, socket errors) per endpoint.
 *
 *   npm run bench:load                                    # PGlite, the reference size
 *   BENCH_DATABASE_URL=postgres://…/evg_bench npm run bench:load   # PostgreSQL (an empty database)
 *   BENCH_ENGINES=pglite,postgres BENCH_DATABASE_URL=… npm run bench:load   # both, one after the other
 *   BENCH_CREATORS=500 BENCH_ORDERS=100000 BENCH_SECONDS=10 npm run bench:load   # a smaller run
 *   BENCH_KEPT_MB=0 npm run bench:load      # no kept answers: every request computes its answer
 */
import { execFile } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { importOrdersCsv, refreshOrdinals, refreshPostFacts } from '@evergreen/core';
import { queryRows } from '@evergreen/db';
import { sql } from 'drizzle-orm';
import { DAY, loadPosts, REPORTS, today, writeOrdersCsv } from './dataset.ts';
import { type Bench, insertCreators, openBench } from './support.ts';

const CREATORS = Number(process.env.BENCH_CREATORS ?? 2000);
const ORDERS = Number(process.env.BENCH_ORDERS ?? 1_000_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const TOUCHPOINTS_PER_CREATOR = 50;
const URL_PG = process.env.BENCH_DATABASE_URL;
const ENGINES = (process.env.BENCH_ENGINES ?? (URL_PG ? 'postgres' : 'pglite')).split(',');
const FILE = `/tmp/evergreen-bench-orders-${ORDERS}${CREATORS === 2000 ? '' : `-c${CREATORS}`}.csv`;
const run = promisify(execFile);

const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

interface Result {
  requests: { average: number };
  latency: { p50: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  '2xx': number;
}

/** One autocannon run in a child process. */
async function cannon(opts: Record<string, unknown>): Promise<Result> {
  const { stdout } = await run(process.execPath, ['bench/load-client.mjs', JSON.stringify(opts)], {
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(stdout) as Result;
}

/**
 * The server's event-loop delay while `f` runs (the server listens in this process; autocannon
 * runs in a child): p99 and max in ms, sampled every 10 ms. A statement PGlite runs in its worker
 * does not count; work on the server's thread (parsing rows, sorting, serializing) does.
 */
async function withLoopDelay<T>(f: () => Promise<T>): Promise<[T, string]> {
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  try {
    const r = await f();
    h.disable();
    return [
      r,
      `loop delay p99 ${(h.percentile(99) / 1e6).toFixed(0)} ms, max ${(h.max / 1e6).toFixed(0)} ms`,
    ];
  } finally {
    h.disable();
  }
}

const line = (label: string, r: Result) =>
  `${label.padEnd(34)} ${r.requests.average.toFixed(1).padStart(8)} req/s  p50 ${String(r.latency.p50).padStart(5)} ms  p99 ${String(r.latency.p99).padStart(5)} ms  errors ${r.errors + r.non2xx} (${r.timeouts} timeouts, ${r.non2xx} non-2xx; ${r['2xx']} answered 2xx)`;

/** The reference dataset in a fresh database: creators, touchpoints, posts, snapshots, orders. */
async function loadDataset(b: Bench) {
  const { db } = b.database;
  const ws = b.ws;
  let t = performance.now();
  await insertCreators(b, CREATORS);
  await db.execute(sql`
    with c as (select id, row_number() over (order by display_name) as n from creators where workspace_id = ${ws})
    insert into touchpoints (workspace_id, creator_id, occurred_on, channel, kind, summary, by_user_id, minutes)
    select ${ws}, c.id, current_date - ((g * 7 + c.n) % 365 + c.n % 200)::int, 'email', 'check_in',
      'Touchpoint ' || g, ${b.userId}, 15
    from c cross join generate_series(1, ${TOUCHPOINTS_PER_CREATOR}) g`);
  await db.execute(sql`
    update creators c set last_touchpoint_on = t.last
    from (select creator_id, max(occurred_on) as last from touchpoints where workspace_id = ${ws} group by creator_id) t
    where c.workspace_id = ${ws} and c.id = t.creator_id`);
  await loadPosts(db, ws);
  await db.execute(sql`analyze creators, touchpoints, deliverables, metric_snapshots, trackers`);
  await refreshOrdinals(db, ws);
  await refreshPostFacts(db, ws);
  console.log(
    `  creators, touchpoints, posts, snapshots and facts in ${Math.round(performance.now() - t)} ms`,
  );
  t = performance.now();
  await writeOrdersCsv(FILE, ORDERS, CREATORS);
  const res = await importOrdersCsv(
    {
      db,
      clock: { now: () => today },
      actor: { workspaceId: ws, role: 'owner', userId: null, tokenId: null },
    } as unknown as Parameters<typeof importOrdersCsv>[0],
    createReadStream(FILE),
    {
      mode: 'all_or_nothing',
      rebuildIndexes: true,
      // Each step's own time (the same split as performance.ts prints).
      onStep: (step, ms) => console.log(`    import step ${step}: ${Math.round(ms)} ms`),
    },
  );
  await db.execute(sql`vacuum analyze`);
  console.log(
    `  ${res.created.toLocaleString('en')} orders imported in ${Math.round(performance.now() - t)} ms`,
  );
}

for (const engine of ENGINES) {
  if (engine !== 'pglite' && engine !== 'postgres') throw new Error(`BENCH_ENGINES: ${engine}?`);
  if (engine === 'postgres' && !URL_PG) throw new Error('postgres needs BENCH_DATABASE_URL');
  console.log(
    `\n${engine}: ${CREATORS} creators, ${ORDERS.toLocaleString('en')} orders, ${CONNECTIONS} connections × ${SECONDS} s per endpoint (load average ${load()})`,
  );
  // The server's own setup: PGlite in its worker thread, or the PostgreSQL pool.
  const b = await openBench(engine === 'postgres' ? { databaseUrl: URL_PG } : { worker: true });
  await loadDataset(b);
  const [c] = await queryRows<{ id: string }>(
    b.database.db,
    sql`select id from creators where workspace_id = ${b.ws} and display_name = ${`Creator ${2 * Math.ceil(CREATORS / 4)}`}`,
  );
  const address = await b.app.listen({ host: '127.0.0.1', port: 0 });
  const api = `${address}/api/v1/workspaces/${b.ws}`;
  const headers = { cookie: b.headers.cookie! };
  const period = `from=${new Date(today.getTime() - 365 * DAY).toISOString().slice(0, 10)}&to=${today.toISOString().slice(0, 10)}`;
  const endpoints: [string, string][] = [
    ['Today (whole team)', '/today?scope=team'],
    ['roster (all, by name)', '/creators'],
    ['creator page: profile', `/creators/${c!.id}`],
    ['creator page: timeline', `/creators/${c!.id}/timeline`],
    ['creator page: results tab', `/reports/creator-results/${c!.id}?${period}`],
    ...REPORTS.map((r): [string, string] => [`report ${r}`, `/reports/${r}?${period}`]),
  ];
  for (const [label, path] of endpoints) {
    // A warm-up request (which must succeed; the first, so the answer is computed: its time is
    // printed as "first"), then the run (with kept answers, served from memory after the first).
    const t0 = performance.now();
    const warm = await fetch(`${api}${path}`, { headers });
    if (!warm.ok) throw new Error(`${label}: ${warm.status} ${(await warm.text()).slice(0, 200)}`);
    await warm.arrayBuffer();
    const first = Math.round(performance.now() - t0);
    const [r, delay] = await withLoopDelay(() =>
      cannon({ url: `${api}${path}`, headers, connections: CONNECTIONS, duration: SECONDS }),
    );
    console.log(`${line(label, r)}  [first ${first} ms; load ${load()}; ${delay}]`);
  }
  // The reports back to back (all six, round robin on every connection) while the health probes run.
  const mixed = cannon({
    url: address,
    headers,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: REPORTS.map((r) => ({
      method: 'GET',
      path: `/api/v1/workspaces/${b.ws}/reports/${r}?${period}`,
    })),
  });
  const health = cannon({ url: `${address}/api/health`, connections: 1, duration: SECONDS });
  const ready = cannon({ url: `${address}/api/health/ready`, connections: 1, duration: SECONDS });
  const live = cannon({ url: `${address}/api/health/live`, connections: 1, duration: SECONDS });
  const [[m, h, r, l], delay] = await withLoopDelay(() => Promise.all([mixed, health, ready, live]));
  console.log(`${line('all six reports, mixed', m)}  [load ${load()}; ${delay}]`);
  console.log(`${line('  meanwhile /api/health (1 conn)', h)}`);
  console.log(`${line('  meanwhile /api/health/ready (1 conn)', r)}`);
  console.log(`${line('  meanwhile /api/health/live (1 conn)', l)}`);
  // Today while the workspace changes every second (a creator's notes, as another process would
  // write them): each change makes the next answer computed again (docs/decisions/0023-kept-answers.md).
  {
    let writes = 0;
    let on = true;
    const writer = (async () => {
      while (on) {
        await b.database.db.execute(
          sql`update creators set notes = ${`bench ${writes++}`} where workspace_id = ${b.ws} and id = ${c!.id}`,
        );
        await new Promise((r) => setTimeout(r, 1000));
      }
    })();
    const [r, delay] = await withLoopDelay(() =>
      cannon({ url: `${api}/today?scope=team`, headers, connections: CONNECTIONS, duration: SECONDS }),
    );
    on = false;
    await writer;
    console.log(`${line('Today, a change every second', r)}  [${writes} changes; load ${load()}; ${delay}]`);
  }
  // What the request guard did (decision 0024): abandoned queries dropped, refused for the deadline, cancelled.
  const guard = (b.database as { workStats?: () => Record<string, number> }).workStats?.();
  if (guard)
    console.log(
      `  guard: ${guard.started} statements started, ${guard.dropped} dropped (client gone), ${guard.refused} refused (deadline), ${guard.cancelled} cancelled`,
    );
  await b.close();
}
