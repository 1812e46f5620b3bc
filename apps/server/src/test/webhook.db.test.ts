import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Clock, signWebhook } from '@evergreen/core';
import { auditLog, importRuns, orders } from '@evergreen/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCommand } from '../cli.ts';
import { createTestApp, type Session, type TestApp } from '../testing/harness.ts';

// A fixed clock: 2026-06-01 00:00:00 UTC = unix 1780272000.
const now = new Date('2026-06-01T00:00:00Z');
const clock: Clock = { now: () => now };
const NOW_S = 1780272000;

let t: TestApp;
let owner: Session;
let ws: string;
let secret: string;
let otherWs: string;
let otherSecret: string;

const rotate = async (id: string) => {
  const res = await t.call(owner, { method: 'POST', url: `/api/v1/workspaces/${id}/orders/webhook` });
  expect(res.statusCode).toBe(200);
  return res.json().secret as string;
};

beforeAll(async () => {
  t = await createTestApp({ clock });
  owner = await t.signUp('Will Webhook');
  ws = (await t.createWorkspace(owner, 'Hooked shop')).id;
  otherWs = (await t.createWorkspace(owner, 'Other shop')).id;
  secret = await rotate(ws);
  otherSecret = await rotate(otherWs);
});
afterAll(() => t.close());

const order = (externalId: string) => ({
  externalId,
  customerId: 'c1',
  orderedAt: '2026-05-31T10:00:00Z',
  amount: '49.90',
  currency: 'USD',
  promoCode: 'spring10',
});

function deliver(
  opts: { body?: string; signedBody?: string; key?: string; timestamp?: number; to?: string } = {},
) {
  const body = opts.body ?? JSON.stringify(order('w1'));
  const timestamp = String(opts.timestamp ?? NOW_S);
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/hooks/orders/${opts.to ?? ws}`,
    headers: {
      'content-type': 'application/json',
      'x-evergreen-timestamp': timestamp,
      'x-evergreen-signature': signWebhook(opts.key ?? secret, timestamp, opts.signedBody ?? body),
    },
    payload: body,
  });
}

const codeOf = (res: { json(): { error: { fields?: { code: string }[] } } }) =>
  res.json().error.fields?.[0]?.code;

describe('order webhook', () => {
  it('shows the owner whether a secret is set and where to post, and audits rotation', async () => {
    const res = await t.call(owner, { method: 'GET', url: `/api/v1/workspaces/${ws}/orders/webhook` });
    expect(res.json()).toEqual({
      configured: true,
      url: `http://evergreen.test/api/v1/hooks/orders/${ws}`,
      rotatedAt: now.toISOString(),
    });
    expect(res.body).not.toContain(secret);
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, ws), eq(auditLog.action, 'orders.webhook_secret_rotated')));
    expect(audits).toHaveLength(1);
  });

  it('accepts a signed delivery once, and refuses a replay', async () => {
    const res = await deliver();
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ received: 1, created: 1, updated: 0, unchanged: 0 });
    const [o] = await t.database.db
      .select()
      .from(orders)
      .where(and(eq(orders.workspaceId, ws), eq(orders.externalId, 'w1')));
    expect(o).toMatchObject({ customerId: 'c1', amountMinor: 4990, currency: 'USD', promoCode: 'SPRING10' });

    const again = await deliver();
    expect(again.statusCode).toBe(409);
    expect(codeOf(again)).toBe('replayed');

    // The same order in a new delivery (a new timestamp): accepted, nothing changes.
    const later = await deliver({ timestamp: NOW_S - 10 });
    expect(later.json()).toEqual({ received: 1, created: 0, updated: 0, unchanged: 1 });
  });

  it('takes a batch', async () => {
    const res = await deliver({ body: JSON.stringify({ orders: [order('b1'), order('b2')] }) });
    expect(res.json()).toEqual({ received: 2, created: 2, updated: 0, unchanged: 0 });
  });

  it('refuses a wrong secret, a tampered body, an old timestamp and another workspace', async () => {
    const wrong = await deliver({ key: 'whsec_wrong', body: JSON.stringify(order('x1')) });
    expect(wrong.statusCode).toBe(401);
    expect(codeOf(wrong)).toBe('signature_invalid');

    const tampered = await deliver({
      signedBody: JSON.stringify(order('x2')),
      body: JSON.stringify({ ...order('x2'), amount: '0.01' }),
    });
    expect(tampered.statusCode).toBe(401);
    expect(codeOf(tampered)).toBe('signature_invalid');

    const old = await deliver({ timestamp: NOW_S - 301, body: JSON.stringify(order('x3')) });
    expect(old.statusCode).toBe(401);
    expect(codeOf(old)).toBe('timestamp_out_of_range');

    const otherKey = await deliver({ key: otherSecret, body: JSON.stringify(order('x4')) });
    expect(otherKey.statusCode).toBe(401);
    expect(codeOf(otherKey)).toBe('signature_invalid');

    // An unknown workspace answers exactly like a wrong signature.
    const unknown = await deliver({
      to: '00000000-0000-4000-8000-000000000000',
      body: JSON.stringify(order('x5')),
    });
    expect(unknown.statusCode).toBe(401);
    expect(codeOf(unknown)).toBe('signature_invalid');

    const bad = await deliver({ body: JSON.stringify({ ...order('x6'), amount: '1.234' }) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0]).toMatchObject({ field: 'orders.0.amount', code: 'invalid_money' });

    const written = await t.database.db.select().from(orders).where(eq(orders.workspaceId, ws));
    expect(written.map((o) => o.externalId).sort()).toEqual(['b1', 'b2', 'w1']);
  });

  it('stops accepting the old secret once rotated', async () => {
    const fresh = await rotate(ws);
    const stale = await deliver({ body: JSON.stringify(order('r1')) });
    expect(stale.statusCode).toBe(401);
    secret = fresh;
    expect((await deliver({ body: JSON.stringify(order('r1')) })).statusCode).toBe(200);
  });
});

describe('evergreen import', () => {
  it('imports an orders file into the workspace by slug, and exits 1 when the file is refused', async () => {
    const { slug } = (await t.call(owner, { method: 'GET', url: `/api/v1/workspaces/${otherWs}` })).json();
    const dir = mkdtempSync(join(tmpdir(), 'evergreen-import-'));
    const good = join(dir, 'orders.csv');
    writeFileSync(
      good,
      'external_id,customer_id,ordered_at,amount,currency\nc1,k1,2026-05-01 10:00,12.50,EUR\nc2,k2,2026-05-02 10:00,3,EUR\n',
    );
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s), clock };
    expect(await importCommand(t.database, ['orders', good, '--workspace', slug], io)).toBe(0);
    expect(out[0]).toBe(
      'orders from orders.csv (all_or_nothing): 2 rows, 2 created, 0 updated, 0 unchanged, 0 skipped, 0 errors',
    );
    expect(err).toContain('done: 2 rows');
    const rows = await t.database.db.select().from(orders).where(eq(orders.workspaceId, otherWs));
    expect(rows.map((r) => [r.externalId, r.amountMinor]).sort()).toEqual([
      ['c1', 1250],
      ['c2', 300],
    ]);
    const [run] = await t.database.db.select().from(importRuns).where(eq(importRuns.workspaceId, otherWs));
    expect(run).toMatchObject({
      kind: 'orders',
      status: 'done',
      created: 2,
      fileName: 'orders.csv',
      createdBy: null,
    });

    const bad = join(dir, 'bad.csv');
    writeFileSync(
      bad,
      'external_id,customer_id,ordered_at,amount,currency\nc3,k3,2026-05-01 10:00,abc,EUR\n',
    );
    out.length = 0;
    err.length = 0;
    expect(await importCommand(t.database, ['orders', bad, '--workspace', slug], io)).toBe(1);
    expect(out[1]).toBe('  row 2, amount: "abc" is not an amount like 49.90, 1,234.56 or 1 234,56');
    expect(err.at(-1)).toContain('Refused');
    await expect(importCommand(t.database, ['orders', good, '--workspace', 'nope'], io)).rejects.toThrow(
      'No workspace with slug nope',
    );
  });
});
