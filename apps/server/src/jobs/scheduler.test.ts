import type { Db } from '@evergreen/db';
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { FastifyBaseLogger } from 'fastify';
import { describe, expect, it } from 'vitest';
import { startScheduler } from './scheduler.ts';

/** A database that only records the raw statements it is given (the other jobs fail and are logged). */
function recordingDb() {
  const dialect = new PgDialect();
  const statements: string[] = [];
  const db = {
    execute: async (q: SQL) => {
      statements.push(dialect.sqlToQuery(q).sql);
      return { rows: [] };
    },
  } as unknown as Db;
  return { db, statements };
}
const quiet = { info() {}, error() {}, warn() {} } as unknown as FastifyBaseLogger;
const HOUR = 3_600_000;

describe('scheduler upkeep of the embedded database', () => {
  it('vacuums PGlite an hour after start and then daily, and never PostgreSQL', async () => {
    let now = Date.UTC(2026, 10, 22, 8);
    const clock = { now: () => new Date(now) };
    const tick = async (s: ReturnType<typeof startScheduler>) => {
      s.kick();
      await s.stop();
    };
    const embedded = recordingDb();
    const s = startScheduler(
      { db: embedded.db, clock, mailer: {} as never, log: quiet, embedded: true },
      1e9,
    );
    const vacuums = () => embedded.statements.filter((q) => q.startsWith('vacuum')).length;
    await tick(s);
    expect(vacuums()).toBe(0);
    now += HOUR;
    await tick(s);
    expect(vacuums()).toBe(1);
    now += 23 * HOUR;
    await tick(s);
    expect(vacuums()).toBe(1);
    now += HOUR;
    await tick(s);
    expect(vacuums()).toBe(2);

    const server = recordingDb();
    const p = startScheduler({ db: server.db, clock, mailer: {} as never, log: quiet }, 1e9);
    now += 48 * HOUR;
    await tick(p);
    expect(server.statements.filter((q) => q.startsWith('vacuum'))).toEqual([]);
  });
});
