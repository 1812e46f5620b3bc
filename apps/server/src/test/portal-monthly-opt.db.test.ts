import { type Clock, runMonthlySummaries } from '@evergreen/core';
import {
  auditLog,
  monthlySummaries,
  monthlySummarySettings,
  outboxMessages,
  workspaces,
} from '@evergreen/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCreator } from '../testing/factories/roster.ts';
import { newWorkspace, type WorkspaceClient } from '../testing/factories/workspace.ts';
import { createTestApp, type Session, type TestApp } from '../testing/harness.ts';
import { type PortalSession, portalCall, portalSignIn } from '../testing/route-walk.ts';

/**
 * The creator's own choice about the monthly summary (docs/portal.md, "Monthly summaries"): it
 * goes only when the team has not switched it off AND the creator has not opted out; each side
 * sees who decided, and the job's "not sent" says which.
 */

// The roster is set up on 30 November (Moscow), before the month ends there; then it is 30 Nov
// 21:30 UTC, 1 Dec 00:30 in Moscow: November's summary is due.
let now = new Date('2026-11-30T12:00:00Z');
const clock: Clock = { now: () => now };
const PUBLIC = 'http://evergreen.test';
const URL = '/api/v1/portal/monthly-summary';

let t: TestApp;
let owner: Session;
let w: WorkspaceClient;
let ana: string;
let bo: string;
let cy: string;
let anaPortal: PortalSession;
let boPortal: PortalSession;
let cyPortal: PortalSession;

const call = async (p: PortalSession | null, method: 'GET' | 'PUT', body?: object) =>
  portalCall(t, p, { method, url: URL, ...(body ? { payload: body } : {}) });
const ok = async (p: PortalSession, method: 'GET' | 'PUT', body?: object) => {
  const res = await call(p, method, body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const rows = () =>
  t.database.db
    .select({
      creatorId: monthlySummaries.creatorId,
      month: monthlySummaries.month,
      status: monthlySummaries.status,
    })
    .from(monthlySummaries)
    .where(eq(monthlySummaries.workspaceId, w.ws));
const summaryMails = () =>
  t.database.db
    .select({ to: outboxMessages.toAddress, dedupeKey: outboxMessages.dedupeKey })
    .from(outboxMessages)
    .where(and(eq(outboxMessages.workspaceId, w.ws), eq(outboxMessages.kind, 'monthly_summary')));
const run = () => runMonthlySummaries({ db: t.database.db, clock, publicUrl: PUBLIC });

beforeAll(async () => {
  t = await createTestApp({ clock, publicUrl: PUBLIC });
  owner = await t.signUp('Olga Optout');
  w = await newWorkspace(t, owner, 'Northwind opt');
  await t.database.db.update(workspaces).set({ timeZone: 'Europe/Moscow' }).where(eq(workspaces.id, w.ws));
  ana = await createCreator(w, 'Ana Opt', { email: 'ana.opt@example.test' });
  bo = await createCreator(w, 'Bo Opt', { email: 'bo.opt@example.test' });
  cy = await createCreator(w, 'Cy Opt', { email: 'cy.opt@example.test' });
  const f = { session: owner, workspaceId: w.ws };
  ({ session: anaPortal } = await portalSignIn(t, { ...f, ids: { creatorId: ana } }));
  ({ session: boPortal } = await portalSignIn(t, { ...f, ids: { creatorId: bo } }));
  ({ session: cyPortal } = await portalSignIn(t, { ...f, ids: { creatorId: cy } }));
  now = new Date('2026-11-30T21:30:00Z');
});
afterAll(() => t.close());

describe('the creator opts out of the monthly summary in the portal', () => {
  it('is on by default, and the creator can switch it off for themselves only', async () => {
    expect(await ok(anaPortal, 'GET')).toEqual({ optedIn: true, switchedOffByTeam: false, willSend: true });
    expect(await ok(anaPortal, 'PUT', { optedIn: false })).toEqual({
      optedIn: false,
      switchedOffByTeam: false,
      willSend: false,
    });
    // Bo's session never touches Ana: a creator id in the body is refused, and Bo's own row is his.
    const smuggled = await call(boPortal, 'PUT', { optedIn: false, creatorId: ana });
    expect(smuggled.statusCode).toBe(400);
    expect(await ok(boPortal, 'GET')).toEqual({ optedIn: true, switchedOffByTeam: false, willSend: true });
    const audit = await t.database.db
      .select({ action: auditLog.action, entityId: auditLog.entityId })
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, w.ws), eq(auditLog.action, 'creator.monthly_summary_opt_changed')));
    expect(audit).toEqual([{ action: 'creator.monthly_summary_opt_changed', entityId: ana }]);
  });

  it('refuses a bad body naming the field, and sessions that are not a creator’s', async () => {
    const bad = await call(anaPortal, 'PUT', { optedIn: 'no' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('optedIn');
    expect((await call(null, 'GET')).statusCode).toBe(401);
    // A manager's session is not a portal session.
    expect((await t.call(owner, { method: 'GET', url: URL })).statusCode).toBe(401);
    expect((await t.call(owner, { method: 'PUT', url: URL, payload: { optedIn: false } })).statusCode).toBe(
      401,
    );
  });

  it('keeps the two decisions apart: each side sees who switched it off', async () => {
    await w.ok('PUT', `/creators/${bo}/monthly-summary`, { enabled: false });
    expect(await ok(boPortal, 'GET')).toEqual({ optedIn: true, switchedOffByTeam: true, willSend: false });
    const a = await w.ok('GET', `/creators/${ana}/monthly-summary`);
    expect([a.enabled, a.creatorOptedOut, a.nextBlockedBy]).toEqual([true, true, 'creator_opted_out']);
    const b = await w.ok('GET', `/creators/${bo}/monthly-summary`);
    expect([b.enabled, b.creatorOptedOut, b.nextBlockedBy]).toEqual([false, false, 'opted_out']);
  });

  it('the job queues nothing for them and records why; Cy, who said nothing, gets hers', async () => {
    expect(await run()).toEqual({ queued: 1, skipped: 2 });
    const byCreator = Object.fromEntries((await rows()).map((r) => [r.creatorId, [r.month, r.status]]));
    expect(byCreator).toEqual({
      [ana]: ['2026-11', 'creator_opted_out'],
      [bo]: ['2026-11', 'opted_out'],
      [cy]: ['2026-11', 'queued'],
    });
    expect(await summaryMails()).toEqual([
      { to: 'cy.opt@example.test', dedupeKey: `monthly_summary:${cy}:2026-11` },
    ]);
    const a = await w.ok('GET', `/creators/${ana}/monthly-summary`);
    expect(a.history.map((h: Record<string, unknown>) => [h.month, h.status, h.reason])).toEqual([
      ['2026-11', 'not_sent', 'creator_opted_out'],
    ]);
  });

  it('a creator and the team changing the settings at once both stick', async () => {
    // Cy has a settings row from nobody yet: both writes race to create it.
    const [c, m] = await Promise.all([
      call(cyPortal, 'PUT', { optedIn: false }),
      t.call(owner, {
        method: 'PUT',
        url: `/api/v1/workspaces/${w.ws}/creators/${cy}/monthly-summary`,
        payload: { note: 'Thanks!' },
      }),
    ]);
    expect([c.statusCode, m.statusCode]).toEqual([200, 200]);
    const [row] = await t.database.db
      .select({
        enabled: monthlySummarySettings.enabled,
        creatorOptOut: monthlySummarySettings.creatorOptOut,
        note: monthlySummarySettings.note,
      })
      .from(monthlySummarySettings)
      .where(eq(monthlySummarySettings.creatorId, cy));
    expect(row).toEqual({ enabled: true, creatorOptOut: true, note: 'Thanks!' });
    await ok(cyPortal, 'PUT', { optedIn: true });
  });

  it('opting back in: next month it goes', async () => {
    expect(await ok(anaPortal, 'PUT', { optedIn: true })).toEqual({
      optedIn: true,
      switchedOffByTeam: false,
      willSend: true,
    });
    // 31 Dec 21:30 UTC is 1 January in Moscow: December is due.
    now = new Date('2026-12-31T21:30:00Z');
    expect(await run()).toEqual({ queued: 2, skipped: 1 });
    const mails = (await summaryMails()).map((m) => m.dedupeKey).sort();
    expect(mails).toEqual(
      [
        `monthly_summary:${ana}:2026-12`,
        `monthly_summary:${cy}:2026-11`,
        `monthly_summary:${cy}:2026-12`,
      ].sort(),
    );
  });
});
