import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '@evergreen/core';
import { agreements, monthlySummaries, outboxMessages, queryRows } from '@evergreen/db';
import { testDriver } from '@evergreen/db/testing';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedAgreement } from '../testing/factories/agreements.ts';
import { addCreator } from '../testing/factories/roster.ts';
import { newWorkspace, type WorkspaceClient } from '../testing/factories/workspace.ts';
import { createTestApp, type TestApp } from '../testing/harness.ts';
import { freePort, type ServerProcess, startServerProcess } from '../testing/server-process.ts';
import { readMail, startSmtpServer } from '../testing/smtp.ts';
import { waitFor } from '../testing/wait.ts';

/**
 * Two real server processes (`evergreen start`) on one PostgreSQL database, their clocks set to
 * 1 December through the test hook (EVERGREEN_TEST_NOW): the scheduler's jobs run once between
 * them (monthly summaries, renewals, outbox delivery), and mail queued while the SMTP server is
 * down goes out exactly once when it comes back. docs/operations/scaling.md, "Several processes".
 */

const NOW = '2026-12-01T08:00:00.000Z';
// The roster is added on 30 November (a creator added after a month ended gets no summary of it);
// everything after that happens at NOW.
let clockNow = '2026-11-30T10:00:00.000Z';
const clock: Clock = { now: () => new Date(clockNow) };

/** `evergreen start` against the database, once it answers /api/health/live. */
const startProcess = (env: Record<string, string>) =>
  startServerProcess({
    env: { ...env, NODE_ENV: 'test', LOG_LEVEL: 'info', EVERGREEN_DEMO: 'false' },
    health: '/api/health/live',
    timeoutMs: 90_000,
    everyMs: 100,
  });

describe.skipIf(testDriver() !== 'postgres')('two server processes on one PostgreSQL', () => {
  let t: TestApp;
  let w: WorkspaceClient;
  let databaseUrl: string;
  const procs: ServerProcess[] = [];
  const dirs: string[] = [];
  let smtp: Awaited<ReturnType<typeof startSmtpServer>> | undefined;
  const creators: Record<string, string> = {};
  let agreementId: string;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    const owner = await t.signUp('Olga Owner');
    w = await newWorkspace(t, owner, 'Northwind');
    for (const [name, languages] of [
      ['Alina', ['ru']],
      ['Boris', ['en']],
      ['Chen', ['en']],
    ] as const) {
      creators[name] = (
        await addCreator(w, { displayName: name, email: `${name.toLowerCase()}@creators.test`, languages })
      ).id;
    }
    // Began 2025-03-01 for 12 months, auto-renewing (active once accepted): its term was over on
    // 2026-02-28, so the processes' first round has exactly one renewal to make.
    const a = await acceptedAgreement(w, 'Olga Overdue', {
      type: 'annual',
      startsOn: '2025-03-01',
      termMonths: 12,
      feeMinor: 1_200_000,
      collaborationsPerYear: 4,
      autoRenew: true,
    });
    agreementId = a.id;
    clockNow = NOW;
    const [db] = await queryRows<{ name: string }>(t.database.db, sql`select current_database() as name`);
    const u = new URL(process.env.TEST_DATABASE_URL!);
    u.pathname = `/${db!.name}`;
    databaseUrl = u.toString();
  }, 60_000);

  afterAll(async () => {
    await Promise.all(procs.map((p) => p.stop()));
    await smtp?.close();
    await t?.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }, 60_000);

  const outbox = () =>
    t.database.db
      .select({
        id: outboxMessages.id,
        kind: outboxMessages.kind,
        to: outboxMessages.toAddress,
        status: outboxMessages.status,
        attempts: outboxMessages.attempts,
        lastError: outboxMessages.lastError,
      })
      .from(outboxMessages)
      .where(eq(outboxMessages.workspaceId, w.ws));

  it('run each job once, and deliver what was queued while SMTP was down exactly once when it is back', async () => {
    const smtpPort = await freePort(); // nothing listens there yet: SMTP is down
    const key = randomBytes(32).toString('base64');
    const env = () => {
      const dir = mkdtempSync(join(tmpdir(), 'evergreen-proc-'));
      dirs.push(dir);
      return {
        DATABASE_URL: databaseUrl,
        EVERGREEN_DATA_DIR: dir,
        EVERGREEN_ENCRYPTION_KEY: key,
        SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
        EVERGREEN_TEST_NOW: NOW,
        EVERGREEN_TEST_SCHEDULER_MS: '100',
        EVERGREEN_TEST_RETRY_MS: '150',
      };
    };
    procs.push(...(await Promise.all([startProcess(env()), startProcess(env())])));

    // Both schedulers ran: one summary per creator was claimed and queued, the SMTP server refused
    // (connection refused) and the messages wait for a retry.
    await waitFor(
      () => Promise.resolve(procs.map((p) => p.output().includes('scheduler: first round done'))),
      (v) => v.every(Boolean),
      { timeoutMs: 30_000, what: 'both schedulers’ first round' },
    );
    const rows = await t.database.db
      .select({ creatorId: monthlySummaries.creatorId, month: monthlySummaries.month })
      .from(monthlySummaries)
      .where(eq(monthlySummaries.workspaceId, w.ws));
    // Olga Overdue (the agreement's creator) has no email: recorded as not sent.
    expect(rows.length).toBe(4);
    expect(new Set(rows.map((r) => r.creatorId)).size).toBe(4);
    expect(rows.every((r) => r.month === '2026-11')).toBe(true);
    const down = await waitFor(outbox, (ms) => ms.some((m) => m.attempts >= 2 && m.status === 'queued'), {
      what: 'failed attempts while SMTP is down',
    });
    expect(down.filter((m) => m.kind === 'monthly_summary').length).toBe(3);
    expect(down.some((m) => /ECONNREFUSED/.test(m.lastError ?? ''))).toBe(true);
    expect(down.every((m) => m.status !== 'sent')).toBe(true);

    // The renewal was made once.
    const renewals = await t.database.db
      .select({ id: agreements.id })
      .from(agreements)
      .where(eq(agreements.previousAgreementId, agreementId));
    expect(renewals.length).toBe(1);

    // SMTP comes back where the processes look for it: each message goes out once.
    smtp = await startSmtpServer({ port: smtpPort });
    const sent = await waitFor(outbox, (ms) => ms.length > 0 && ms.every((m) => m.status === 'sent'), {
      timeoutMs: 30_000,
      what: 'every queued message sent',
    });
    const ids = smtp.received.map((m) => m.raw.match(/^Message-ID: <([^@>]+)@evergreen>/im)?.[1]);
    expect(ids.length).toBe(sent.length);
    expect(new Set(ids)).toEqual(new Set(sent.map((m) => m.id)));
    const summaries = smtp.received
      .map((m) => ({ to: m.to, ...readMail(m.raw) }))
      .filter((m) => /^(Your results|Ваши результаты)/.test(m.subject));
    expect(summaries.map((m) => m.to.join()).sort()).toEqual([
      'alina@creators.test',
      'boris@creators.test',
      'chen@creators.test',
    ]);
    expect(summaries.find((m) => m.to.includes('alina@creators.test'))?.subject).toBe(
      'Ваши результаты за ноябрь 2026 г. — «Northwind»',
    );
    expect(
      (
        await t.database.db
          .select({ id: agreements.id })
          .from(agreements)
          .where(eq(agreements.previousAgreementId, agreementId))
      ).length,
    ).toBe(1);
    expect((await outbox()).length).toBe(sent.length);
  }, 180_000);
});
