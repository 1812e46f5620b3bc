import type { Clock } from '@evergreen/core';
import { type Database, migrateDatabase, openDatabase, queryRows } from '@evergreen/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creatorWithPost, importOrdersCsv, ORDERS_HEADER } from '../testing/factories/performance.ts';
import { newWorkspace, type WorkspaceClient } from '../testing/factories/workspace.ts';
import { createTestApp, type TestApp } from '../testing/harness.ts';
import { type ReplicatedCluster, startReplicatedCluster } from '../testing/pg-cluster.ts';
import { waitFor } from '../testing/wait.ts';

/**
 * REPORTS_DATABASE_URL (docs/operations/scaling.md): the reports and the portfolio page read from
 * a PostgreSQL streaming replica, everything else from the primary. A real primary and a real
 * replica are started for the test (pg_basebackup -R). Pausing the replica's replay makes the two
 * disagree, which shows where each request read.
 */

const clock: Clock = { now: () => new Date('2025-12-31T12:00:00Z') };

let cluster: ReplicatedCluster;
let primary: Database;
let replica: Database;
let t: TestApp;
let w: WorkspaceClient;

/** Waits until the replica has replayed everything the primary has written so far. */
async function caughtUp() {
  const [{ lsn }] = (await queryRows<{ lsn: string }>(
    primary.db,
    sql`select pg_current_wal_lsn()::text as lsn`,
  )) as [{ lsn: string }];
  await waitFor(
    () =>
      queryRows<{ ok: boolean }>(replica.db, sql`select pg_last_wal_replay_lsn() >= ${lsn}::pg_lsn as ok`),
    (rows) => rows[0]?.ok === true,
    { what: `the replica replaying up to ${lsn}` },
  );
}

const order = (id: string, at: string, amount: string) => `${id},cust-${id},${at},${amount},USD,ANNA10,,,`;

beforeAll(async () => {
  cluster = await startReplicatedCluster();
  primary = await openDatabase({ databaseUrl: cluster.primaryUrl });
  await migrateDatabase(primary);
  replica = await openDatabase({ databaseUrl: cluster.replicaUrl, applicationName: 'evergreen-reports' });
  t = await createTestApp({ database: primary, reportsDb: replica.db, clock });
  const owner = await t.signUp('Rhea Replica');
  w = await newWorkspace(t, owner, 'Replicated');
  await creatorWithPost(w, 'Anna', { postedAt: '2025-06-01T10:00:00Z', code: 'ANNA10' });
  await importOrdersCsv(w, `${ORDERS_HEADER}\n${order('1001', '2025-06-02T10:00:00Z', '50.00')}\n`);
}, 120_000);

afterAll(async () => {
  await t?.close();
  await replica?.close();
  cluster?.stop();
});

describe('reports on a read replica', () => {
  it('answer from the replica, while everything else reads and writes the primary', async () => {
    await caughtUp();
    // One order of 50.00 USD with Anna's code: 1 order, 5,000 minor units.
    const before = await w.ok('GET', '/reports/portfolio?from=2025-01-01&to=2025-12-31');
    expect(before.totals).toMatchObject({ orders: 1, revenueMinor: 5000 });

    // The replica stops replaying; a second order (30.00) reaches only the primary.
    await queryRows(replica.db, sql`select pg_wal_replay_pause()`);
    await importOrdersCsv(w, `${ORDERS_HEADER}\n${order('1002', '2025-06-03T10:00:00Z', '30.00')}\n`);
    const listed = await w.ok('GET', '/orders?limit=50');
    expect(listed.orders).toHaveLength(2); // the orders list reads the primary

    // The report still says 1 order: it read the replica. The portfolio page reads there too.
    const during = await w.ok('GET', '/reports/portfolio?from=2025-01-01&to=2025-12-31');
    expect(during.totals).toMatchObject({ orders: 1, revenueMinor: 5000 });
    const csv = (await w.call('GET', '/reports/portfolio.csv?from=2025-01-01&to=2025-12-31')).body;
    expect(csv).toContain(',1,50.00,'); // orders 1, revenue 50.00
    // A write on the portfolio page goes to the primary (the replica would refuse it).
    await w.ok('PATCH', '/portfolio/settings', { concentrationWarnPct: 55 });
    expect((await w.call('GET', '/portfolio')).statusCode).toBe(200);

    // Replay resumes: once caught up the report counts both orders, 80.00 USD.
    await queryRows(replica.db, sql`select pg_wal_replay_resume()`);
    await caughtUp();
    const after = await w.ok('GET', '/reports/portfolio?from=2025-01-01&to=2025-12-31');
    expect(after.totals).toMatchObject({ orders: 2, revenueMinor: 8000 });
  });

  it('the replica really is read-only: a write there fails', async () => {
    // 25006: read_only_sql_transaction ("cannot execute CREATE TABLE in a read-only transaction").
    await expect(queryRows(replica.db, sql`create table nope (x int)`)).rejects.toMatchObject({
      cause: { code: '25006' },
    });
  });
});
