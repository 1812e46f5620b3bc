/**
 * The performance reports again, on a PostgreSQL database that performance.ts left with
 * BENCH_KEEP=1: no data to build, so before/after runs of a report change take seconds.
 *
 *   BENCH_DATABASE_URL=postgres://… npx tsx bench/reports.ts
 *   BENCH_REPORTS=conversion-lag,creators   # only these (default: all six)
 *   BENCH_RUNS=11                           # runs after the warm-up (default 5); prints the median
 *
 * It signs in as the kept run's owner (performance.ts's password) in the workspace with the most
 * orders and times each report through the HTTP stack over the last 365 days of the dataset.
 */
import { loadavg } from 'node:os';
import { type Database, openDatabase, queryRows } from '@evergreen/db';
import { sql } from 'drizzle-orm';
import { buildOfflineApp } from '../apps/server/src/scripts/offline-app.ts';
import { DAY, REPORTS, today } from './dataset.ts';

const url = process.env.BENCH_DATABASE_URL;
if (!url) throw new Error('BENCH_DATABASE_URL: the database a BENCH_KEEP=1 run of performance.ts left');
const names = (process.env.BENCH_REPORTS ?? REPORTS.join(',')).split(',');
const runs = Number(process.env.BENCH_RUNS ?? 5);

const database: Database = await openDatabase({ databaseUrl: url });
const [kept] = await queryRows<{ ws: string; email: string; orders: number }>(
  database.db,
  sql`select o.workspace_id::text as ws, u.email, o.n::int as orders
    from (select workspace_id, count(*) as n from orders group by 1 order by 2 desc limit 1) o
    join memberships m on m.workspace_id = o.workspace_id and m.role = 'owner'
    join users u on u.id = m.user_id limit 1`,
);
if (!kept) throw new Error('no kept workspace with orders: run performance.ts with BENCH_KEEP=1 first');
const app = await buildOfflineApp(database, { publicUrl: 'http://bench', loginRateLimit: 1000 });
await app.ready();
const login = await app.inject({
  method: 'POST',
  url: '/api/v1/auth/login',
  payload: { email: kept.email, password: 'bench password 1' },
});
if (login.statusCode !== 200) throw new Error(`login: ${login.statusCode} ${login.body.slice(0, 200)}`);
const cookie = `evg_session=${login.cookies.find((c) => c.name === 'evg_session')!.value}`;
const headers = { cookie, 'x-csrf-token': login.json().csrfToken };
const period = `from=${new Date(today.getTime() - 365 * DAY).toISOString().slice(0, 10)}&to=${today.toISOString().slice(0, 10)}`;

console.log(`${kept.orders.toLocaleString('en')} orders; load average ${loadavg().map((l) => l.toFixed(1))}`);
for (const name of names) {
  const path = `/api/v1/workspaces/${kept.ws}/reports/${name}?${period}`;
  const times: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const t = performance.now();
    const res = await app.inject({ method: 'GET', url: path, headers });
    if (res.statusCode !== 200) throw new Error(`${name}: ${res.statusCode} ${res.body.slice(0, 200)}`);
    if (i > 0) times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(
    `report ${name.padEnd(26)} median ${times[times.length >> 1]!.toFixed(1)} ms (min ${times[0]!.toFixed(1)}, max ${times.at(-1)!.toFixed(1)})`,
  );
}
await app.close();
await database.close();
