import type { Clock } from '@evergreen/core';
import { auditLog, payments } from '@evergreen/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestApp, createTestApp } from '../testing/harness.ts';

/**
 * Read-then-write use cases under parallel requests: each racing pair (or crowd) is fired at once
 * through the HTTP app (Promise.all) and the outcome is the one worked out by hand, as if the
 * requests had come one after another. On PostgreSQL the requests really overlap (a pool of
 * connections); on PGlite they queue on its one connection, and the outcome must be the same.
 */

const now = new Date('2026-04-01T10:00:00Z');
const clock: Clock = { now: () => now };

let t: TestApp;
let owner: Session;

beforeAll(async () => {
  t = await createTestApp({ clock });
  owner = await t.signUp('Rita Races');
});
afterAll(() => t.close());

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
async function workspace(name: string) {
  const ws = (await t.createWorkspace(owner, name)).id;
  const call = (method: Method, path: string, payload?: unknown, s: Session = owner) =>
    t.call(s, {
      method,
      url: `/api/v1/workspaces/${ws}${path}`,
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
  const ok = async (method: Method, path: string, payload?: unknown) => {
    const res = await call(method, path, payload);
    if (res.statusCode !== 200) throw new Error(`${method} ${path}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const creator = async (displayName: string, tier = 2) =>
    (await ok('POST', '/creators', { displayName, status: 'active', tier })).id as string;
  const accepted = async (creatorName: string, body: Record<string, unknown>) => {
    const creatorId = await creator(creatorName);
    const a = await ok('POST', '/agreements', { creatorId, currency: 'USD', termMonths: 12, ...body });
    await ok('POST', `/agreements/${a.id}/send`);
    return ok('POST', `/agreements/${a.id}/accept`, { acceptedName: creatorName });
  };
  return { ws, call, ok, creator, accepted };
}

/** Every response of a parallel batch, with its status code. */
const statuses = (rs: { statusCode: number }[]) => rs.map((r) => r.statusCode).sort();

describe('paying a payment', () => {
  /** One retainer month of $1,000.00 (100,000 cents) due 2026-03-15: one payment. */
  async function onePayment(name: string) {
    const w = await workspace(name);
    await w.accepted(`${name} Creator`, {
      type: 'retainer',
      startsOn: '2026-03-05',
      termMonths: 1,
      monthlyFeeMinor: 100_000,
      paymentTermsDays: 10,
    });
    expect((await w.ok('POST', '/payments/generate')).created).toBe(1);
    const [p] = (await w.ok('GET', '/payments')).payments;
    expect(p).toMatchObject({ amountMinor: 100_000, paidMinor: 0, status: 'scheduled' });
    return { w, id: p.id as string };
  }

  it('ten parallel partial payments of $50 add up to $500 paid, each answered 200', async () => {
    const { w, id } = await onePayment('Tenfold');
    const rs = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        w.call('POST', `/payments/${id}/pay`, {
          paidOn: '2026-03-20',
          amountMinor: 5_000,
          reference: `TX-${i}`,
        }),
      ),
    );
    expect(statuses(rs)).toEqual(Array(10).fill(200));
    const p = await w.ok('GET', `/payments/${id}`);
    // By hand: 10 × 5,000 cents = 50,000 of 100,000: partially paid.
    expect(p).toMatchObject({ paidMinor: 50_000, status: 'partially_paid', amountMinor: 100_000 });
    const audits = await t.database.db
      .select({ changes: auditLog.changes })
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, w.ws), eq(auditLog.action, 'payment.paid')));
    expect(audits.map((a) => (a.changes as { amountMinor: number }).amountMinor)).toEqual(
      Array(10).fill(5_000),
    );
  });

  it('refuses more than is still owed with a 400 naming both amounts, and changes nothing', async () => {
    const { w, id } = await onePayment('Overpaid');
    await w.ok('POST', `/payments/${id}/pay`, { paidOn: '2026-03-20', amountMinor: 20_000 });
    const before = await t.database.db.select().from(payments).where(eq(payments.id, id));
    const res = await w.call('POST', `/payments/${id}/pay`, { paidOn: '2026-03-21', amountMinor: 500_000 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'validation_failed',
      message: 'amountMinor: 5000.00 USD is more than the 800.00 USD still owed',
      fields: [
        {
          field: 'amountMinor',
          code: 'overpayment',
          params: { amountMinor: 500_000, owedMinor: 80_000, currency: 'USD' },
        },
      ],
    });
    expect(await t.database.db.select().from(payments).where(eq(payments.id, id))).toEqual(before);
  });

  it('two parallel payments in full: one is recorded, the other is told it is already paid', async () => {
    const { w, id } = await onePayment('Twice');
    const rs = await Promise.all([
      w.call('POST', `/payments/${id}/pay`, { paidOn: '2026-03-20' }),
      w.call('POST', `/payments/${id}/pay`, { paidOn: '2026-03-21' }),
    ]);
    expect(statuses(rs)).toEqual([200, 409]);
    expect(await w.ok('GET', `/payments/${id}`)).toMatchObject({ paidMinor: 100_000, status: 'paid' });
  });

  it('paying and cancelling at once: either paid or cancelled, never a paid payment marked cancelled', async () => {
    const { w, id } = await onePayment('PayOrCancel');
    const [pay, cancel] = await Promise.all([
      w.call('POST', `/payments/${id}/pay`, { paidOn: '2026-03-20' }),
      w.call('POST', `/payments/${id}/cancel`),
    ]);
    const p = await w.ok('GET', `/payments/${id}`);
    if (pay.statusCode === 200 && cancel.statusCode === 409) {
      expect(p).toMatchObject({ status: 'paid', paidMinor: 100_000 });
    } else {
      // Cancelled first: the payment then is refused as cancelled.
      expect([pay.statusCode, cancel.statusCode]).toEqual([409, 200]);
      expect(p).toMatchObject({ status: 'cancelled', paidMinor: 0 });
    }
  });
});
