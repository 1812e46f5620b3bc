/**
 * What the change log of kept answers (workspace_changes and its statement triggers, migration
 * 0028, docs/decisions/0023-kept-answers.md) costs an import: the same orders file imported into
 * fresh workspaces, alternately with the triggers disabled and enabled, on one database.
 *
 *   BENCH_DATABASE_URL=postgres://…/evg_bench BENCH_ORDERS=100000 npx tsx bench/changes-cost.ts
 *   BENCH_ORDERS=100000 npx tsx bench/changes-cost.ts        # PGlite in this thread
 */
import { createReadStream } from 'node:fs';
import { loadavg } from 'node:os';
import { importOrdersCsv } from '@evergreen/core';
import { queryRows } from '@evergreen/db';
import { sql } from 'drizzle-orm';
import { today, writeOrdersCsv } from './dataset.ts';
import { insertCreators, openBench } from './support.ts';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 100_000);
const CREATORS = Number(process.env.BENCH_CREATORS ?? 2000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const FILE = `/tmp/evergreen-bench-orders-${ORDERS}${CREATORS === 2000 ? '' : `-c${CREATORS}`}.csv`;

const b = await openBench();
const { db } = b.database;
await writeOrdersCsv(FILE, ORDERS, CREATORS);
const tables = (
  await queryRows<{ t: string }>(
    db,
    sql`select distinct c.relname as t from pg_trigger g join pg_class c on c.oid = g.tgrelid
        where g.tgname like '%\\_changes\\_%' and not g.tgisinternal`,
  )
).map((r) => r.t);
const toggle = async (on: boolean) => {
  for (const t of tables)
    for (const op of ['insert', 'update', 'delete'])
      if (t !== 'workspaces' && t !== 'users')
        await db.execute(
          sql.raw(`alter table "${t}" ${on ? 'enable' : 'disable'} trigger "${t}_changes_${op}"`),
        );
};
console.log(
  `${b.database.driver}: ${ORDERS.toLocaleString('en')} orders, ${CREATORS} creators, ${tables.length} tables with the triggers (load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')})`,
);
const times: Record<string, number[]> = { off: [], on: [] };
for (let round = 0; round < ROUNDS; round++) {
  for (const on of [false, true]) {
    await toggle(on);
    // A workspace of its own for each import (the same owner), with the same creators.
    const [w] = await queryRows<{ id: string }>(
      db,
      sql`insert into workspaces (name, slug) values ('Cost', ${`cost-${round}-${on}-${Date.now()}`}) returning id`,
    );
    await db.execute(
      sql`insert into memberships (workspace_id, user_id, role) values (${w!.id}, ${b.userId}, 'owner')`,
    );
    await insertCreators({ ...b, ws: w!.id }, CREATORS);
    const t0 = performance.now();
    const res = await importOrdersCsv(
      {
        db,
        clock: { now: () => today },
        actor: { workspaceId: w!.id, role: 'owner', userId: null, tokenId: null },
      } as unknown as Parameters<typeof importOrdersCsv>[0],
      createReadStream(FILE),
      { mode: 'all_or_nothing', rebuildIndexes: true },
    );
    const ms = Math.round(performance.now() - t0);
    times[on ? 'on' : 'off']!.push(ms);
    console.log(
      `  round ${round + 1}, triggers ${on ? 'on ' : 'off'}: ${res.created.toLocaleString('en')} orders in ${ms} ms`,
    );
  }
}
await toggle(true);
const median = (xs: number[]) => [...xs].sort((a, c) => a - c)[Math.floor(xs.length / 2)]!;
console.log(`median: off ${median(times.off!)} ms, on ${median(times.on!)} ms`);
await b.close();
