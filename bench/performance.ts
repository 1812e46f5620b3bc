import { once } from 'node:events';
/**
 * Performance, attribution and ROI at the reference size:
 *   2,000 creators, 200,000 posts with 4 metric snapshots each, 1,000,000 orders from 400,000
 *   customers (a CSV file written by the generator, deterministic: the same bytes every run).
 *
 *   npx tsx bench/performance.ts                  # PGlite (a fresh in-memory database)
 *   BENCH_DATABASE_URL=postgres://… npx tsx bench/performance.ts   # PostgreSQL (an empty database)
 *   BENCH_ORDERS=100000 npx tsx bench/performance.ts   # a smaller run
 *   BENCH_PRESET=shopify npx tsx bench/performance.ts   # also the same orders through the Shopify preset
 *
 * It times (1) a plain COPY of the orders file into a table of its columns (with two indexes, and
 * again with an index for each of the orders table's indexes on those columns),
 * (2) Evergreen's own import of the same file (validation, idempotent upsert, reporting
 * amounts, attribution, customer facts) and their ratio, (3) every report through the HTTP
 * stack, median of 5 after a warm-up, (4) the creator results tab and the portfolio page (with
 * agreements, tier changes and touchpoints added for it). With BENCH_PRESET=shopify,
 * (5) the same orders written in Shopify's export columns (79 of them, one row per line item)
 * imported through the Shopify preset into the emptied workspace, against (2).
 */
import { createReadStream, readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { refreshOrdinals, refreshPostFacts } from '@evergreen/core';
import { queryRows } from '@evergreen/db';
import { sql } from 'drizzle-orm';
import { DAY, loadPosts, REPORTS, today, writeOrdersCsv } from './dataset.ts';
import { writeShopifyCsv } from './shopify-orders-file.ts';
import { type Bench, insertCreators, openBench } from './support.ts';

const CREATORS = 2000;
const ORDERS = Number(process.env.BENCH_ORDERS ?? 1_000_000);
const FILE = process.env.BENCH_ORDERS_FILE ?? `/tmp/evergreen-bench-orders-${ORDERS}.csv`;
const PRESET = process.env.BENCH_PRESET ?? '';
const SHOPIFY_FILE = FILE.replace(/\.csv$/, '-shopify.csv');

// ---- plain COPY baseline ------------------------------------------------------------------------
/**
 * A plain COPY of the orders file into a table of its columns. `indexes`: 'two' = the unique
 * key and the customer index (the baseline of earlier runs); 'orders' = an index for each of the
 * orders table's indexes that the file's columns can carry (unique external_id, customer and
 * time, time), so the ratio compares Evergreen's work with storing the same rows equally indexed.
 */
async function plainCopy(b: Bench, indexes: 'two' | 'orders'): Promise<number> {
  const { db } = b.database;
  await db.execute(sql`drop table if exists bench_orders_copy`);
  // The file's columns, with the unique key and the customer index orders has.
  await db.execute(sql`create table bench_orders_copy (external_id text, customer_id text,
    ordered_at timestamptz, amount numeric, currency text, promo_code text, utm_source text,
    utm_campaign text, landing_url text)`);
  await db.execute(sql`create unique index on bench_orders_copy (external_id)`);
  await db.execute(sql`create index on bench_orders_copy (customer_id, ordered_at)`);
  if (indexes === 'orders') {
    await db.execute(sql`alter table bench_orders_copy add column id bigserial primary key`);
    await db.execute(sql`create index on bench_orders_copy (ordered_at)`);
  }
  const t = performance.now();
  if (b.database.pglite) {
    const blob = new Blob([readFileSync(FILE)]);
    await b.database.pglite.query(
      `copy bench_orders_copy (external_id, customer_id, ordered_at, amount, currency, promo_code, utm_source, utm_campaign, landing_url) from '/dev/blob' with (format csv, header true)`,
      [],
      {
        blob,
      },
    );
  } else {
    // COPY … FROM STDIN through the client, as an import over the network would.
    const require = createRequire(import.meta.url);
    const { from } = require('pg-copy-streams') as typeof import('pg-copy-streams');
    const client = await (b.database.db as unknown as { $client: import('pg').Pool }).$client.connect();
    try {
      const stream = client.query(
        from(
          'copy bench_orders_copy (external_id, customer_id, ordered_at, amount, currency, promo_code, utm_source, utm_campaign, landing_url) from stdin with (format csv, header true)',
        ),
      );
      const file = createReadStream(FILE);
      file.pipe(stream);
      await once(stream, 'finish');
    } finally {
      client.release();
    }
  }
  const ms = performance.now() - t;
  await db.execute(sql`drop table bench_orders_copy`);
  return ms;
}

// ---- run ------------------------------------------------------------------------------------------
let t0 = performance.now();
await writeOrdersCsv(FILE, ORDERS, CREATORS);
console.log(
  `orders file: ${FILE} (${((await stat(FILE)).size / 1e6).toFixed(1)} MB) in ${Math.round(performance.now() - t0)} ms`,
);

if (PRESET === 'shopify') {
  t0 = performance.now();
  await writeShopifyCsv(FILE, SHOPIFY_FILE);
  console.log(
    `Shopify export of the same orders: ${SHOPIFY_FILE} (${((await stat(SHOPIFY_FILE)).size / 1e6).toFixed(1)} MB) in ${Math.round(performance.now() - t0)} ms`,
  );
} else if (PRESET) throw new Error(`BENCH_PRESET=${PRESET}: only shopify is benchmarked`);

const bench = await openBench();
const { database, ws } = bench;
const { db } = database;
t0 = performance.now();
await insertCreators(bench, CREATORS);
await loadPosts(bench.database.db, bench.ws);
// Statistics for the generated rows, as autovacuum would gather on a production server: a rerun
// on PostgreSQL otherwise plans the whole-workspace refreshes below from the last run's
// statistics (the new workspace "has one post") as nested loops that take many minutes.
await db.execute(sql`analyze creators, deliverables, metric_snapshots, trackers`);
console.log(`${database.driver}: posts, snapshots and trackers in ${Math.round(performance.now() - t0)} ms`);
t0 = performance.now();
await refreshOrdinals(db, ws);
console.log(`refresh ordinals (200,000 posts): ${Math.round(performance.now() - t0)} ms`);
t0 = performance.now();
await refreshPostFacts(db, ws);
console.log(`refresh post facts (800,000 snapshots): ${Math.round(performance.now() - t0)} ms`);

const copyMs = await plainCopy(bench, 'two');
console.log(`plain COPY of ${ORDERS.toLocaleString('en')} orders (2 indexes): ${Math.round(copyMs)} ms`);
const copyIndexedMs = await plainCopy(bench, 'orders');
console.log(
  `plain COPY of ${ORDERS.toLocaleString('en')} orders (orders' 4 indexes on the file's columns): ${Math.round(copyIndexedMs)} ms`,
);

const core = (await import('@evergreen/core')) as Record<string, unknown>;
const importOrders = core.importOrdersCsv as
  | ((
      ctx: unknown,
      input: NodeJS.ReadableStream,
      opts: {
        mode: string;
        rebuildIndexes?: boolean;
        columns?: { preset: string };
        onProgress: (p: { phase: string }) => void;
        onStep?: (step: string, ms: number) => void;
      },
    ) => Promise<{ created: number }>)
  | undefined;
let importMs = 0;
/**
 * The import's steps as they end: `stage` is the end of the COPY into the staging table (on
 * PostgreSQL it streams while the file is read, so "read + check + stage" is the time up to its
 * end), then attribution, insert (with the orders' fact triggers), indexes (the rebuild) and
 * customer facts (with their trigger).
 */
const printStep = (start: number) => (step: string, ms: number) => {
  const end = performance.now() - start;
  console.log(
    step === 'stage'
      ? `  step read + check + stage: ${Math.round(end)} ms (until the staging COPY ended)`
      : `  step ${step}: ${Math.round(ms)} ms (ended at ${Math.round(end)} ms)`,
  );
};
if (importOrders) {
  let lastPhase = '';
  t0 = performance.now();
  const res = await importOrders!(
    {
      db,
      clock: { now: () => today },
      actor: { workspaceId: ws, role: 'owner', userId: null, tokenId: null },
    },
    createReadStream(FILE),
    {
      mode: 'all_or_nothing',
      // A first load on an idle installation, as `evergreen import orders … --bulk-rebuild-indexes`.
      rebuildIndexes: true,
      // Each phase's start (what the Imports page shows), and each step's own time once it ends.
      onProgress: (p: { phase: string }) => {
        if (p.phase !== lastPhase) {
          console.log(`  phase ${p.phase} from ${Math.round(performance.now() - t0)} ms`);
          lastPhase = p.phase;
        }
      },
      onStep: printStep(t0),
    },
  );
  importMs = performance.now() - t0;
  console.log(
    `Evergreen import of ${res.created.toLocaleString('en')} orders: ${Math.round(importMs)} ms — ${(importMs / copyMs).toFixed(2)}× plain COPY, ${(importMs / copyIndexedMs).toFixed(2)}× plain COPY with orders' indexes`,
  );
  // What autovacuum does on a production server after a bulk load (this test server has it
  // off, PGlite has none): without it no index-only scans.
  t0 = performance.now();
  // The whole database: the generated creators, trackers and posts have never been analyzed
  // either (autovacuum would have, minutes after they were written).
  await db.execute(sql`vacuum analyze`);
  console.log(`vacuum analyze after the import: ${Math.round(performance.now() - t0)} ms`);
} else {
  console.log('importOrdersCsv is not there yet: skipped');
}

const [counts] = await queryRows<{
  posts: number;
  snapshots: number;
  orders: number;
  customers: number;
  attributed: number;
}>(
  db,
  sql`select (select count(*) from deliverables where workspace_id = ${ws})::int as posts,
    (select count(*) from metric_snapshots where workspace_id = ${ws})::int as snapshots,
    (select count(*) from orders where workspace_id = ${ws})::int as orders,
    (select count(*) from customer_facts where workspace_id = ${ws})::int as customers,
    (select count(*) from orders where workspace_id = ${ws} and attributed_creator_id is not null)::int as attributed`,
);
console.log(counts);

const period = `from=${new Date(today.getTime() - 365 * DAY).toISOString().slice(0, 10)}&to=${today.toISOString().slice(0, 10)}`;
const creator = (
  await queryRows<{ id: string }>(
    db,
    sql`select id from creators where workspace_id = ${ws} and display_name = 'Creator 1000'`,
  )
)[0]!.id;
for (const name of REPORTS) {
  try {
    await bench.time(`report ${name}`, `/reports/${name}?${period}`);
  } catch (e) {
    console.log(`report ${name}: ${(e as Error).message.slice(0, 120)}`);
  }
}
// The same reports over a period that starts and ends mid-month: they read whole months of
// creator_period_facts at month grain and the edge days at day grain.
const midMonth = 'from=2025-11-16&to=2026-10-15';
for (const name of ['creators', 'portfolio', 'partnerships-vs-one-offs']) {
  try {
    await bench.time(`report ${name} (mid-month)`, `/reports/${name}?${midMonth}`);
  } catch (e) {
    console.log(`report ${name} (mid-month): ${(e as Error).message.slice(0, 120)}`);
  }
}
try {
  await bench.time('creator results tab', `/reports/creator-results/${creator}?${period}`);
} catch (e) {
  console.log(`creator results: ${(e as Error).message.slice(0, 120)}`);
}

// ---- the portfolio page (docs/portfolio.md) ------------------------------------------------------
// On top of the reference data: an annual agreement for every Tier 1 and Tier 2 creator (starts
// spread over two years), 4 tier changes a day over the last 12 months (~1,460 events) and
// 50 touchpoints with minutes per creator (100,000). Aim: < 300 ms PostgreSQL, < 1 s PGlite.
t0 = performance.now();
await db.execute(sql`
  insert into agreements (workspace_id, creator_id, type, status, title, starts_on, term_months,
    collaborations_per_year, currency)
  select ${ws}, id, 'annual', 'active', 'Annual', current_date - (abs(hashtext(id::text)) % 730), 12,
    case when tier = 1 then 12 else 4 end, 'USD'
  from creators where workspace_id = ${ws} and tier in (1, 2)`);
await db.execute(sql`
  with c as (select id, tier, row_number() over (order by display_name) as n from creators where workspace_id = ${ws})
  insert into creator_events (workspace_id, creator_id, kind, data, at)
  select ${ws}, c.id, 'tier_changed', jsonb_build_object('from', 1, 'to', 2), now() - (g || ' hours')::interval * 6
  from generate_series(1, 1460) g join c on c.n = 1 + (g * 37) % 2000`);
await db.execute(sql`
  with c as (select id, owner_user_id, row_number() over (order by display_name) as n from creators where workspace_id = ${ws})
  insert into touchpoints (workspace_id, creator_id, occurred_on, channel, kind, summary, by_user_id, minutes)
  select ${ws}, c.id, current_date - ((g * 7 + c.n) % 365)::int, 'call', 'check_in', '', ${bench.userId}, 15 + (g % 4) * 15
  from c cross join generate_series(1, 50) g`);
await db.execute(sql`analyze agreements, creator_events, touchpoints`);
console.log(
  `portfolio data (agreements, tier events, 100,000 touchpoints): ${Math.round(performance.now() - t0)} ms`,
);
for (const [label, path] of [
  ['portfolio page', `/portfolio?${period}`],
  ['portfolio page (mid-month)', `/portfolio?${midMonth}`],
  ['portfolio concentration CSV', `/portfolio/concentration.csv?${period}`],
] as const) {
  try {
    await bench.time(label, path);
  } catch (e) {
    console.log(`${label}: ${(e as Error).message.slice(0, 120)}`);
  }
}

// ---- the same orders through the Shopify preset -----------------------------------------------------
if (PRESET === 'shopify' && importOrders) {
  // Emptied as before the plain import (untimed), then the same import through the preset.
  await db.execute(sql`delete from customer_facts where workspace_id = ${ws}`);
  await db.execute(sql`delete from orders where workspace_id = ${ws}`);
  await db.execute(sql`vacuum analyze`);
  let lastPhase = '';
  t0 = performance.now();
  const res = await importOrders(
    {
      db,
      clock: { now: () => today },
      actor: { workspaceId: ws, role: 'owner', userId: null, tokenId: null },
    },
    createReadStream(SHOPIFY_FILE),
    {
      mode: 'all_or_nothing',
      rebuildIndexes: true,
      columns: { preset: 'shopify' },
      onProgress: (p: { phase: string }) => {
        if (p.phase !== lastPhase) {
          console.log(`  phase ${p.phase} from ${Math.round(performance.now() - t0)} ms`);
          lastPhase = p.phase;
        }
      },
      onStep: printStep(t0),
    },
  );
  const shopifyMs = performance.now() - t0;
  console.log(
    `Shopify-preset import of ${res.created.toLocaleString('en')} orders: ${Math.round(shopifyMs)} ms — ${(shopifyMs / importMs).toFixed(2)}× the plain import (${Math.round(importMs)} ms; aim ≤ 1.3×)`,
  );
}
await bench.close();
