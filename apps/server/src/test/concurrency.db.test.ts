import { type Clock, renewDueAgreements } from '@evergreen/core';
import {
  agreements,
  apiTokens,
  auditLog,
  briefAcceptances,
  creatorEvents,
  creators,
  memberships,
  payments,
} from '@evergreen/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedAgreement } from '../testing/factories/agreements.ts';
import { createCreator } from '../testing/factories/roster.ts';
import { type Method, newWorkspace } from '../testing/factories/workspace.ts';
import { appWithOwner, type Session, type TestApp } from '../testing/harness.ts';

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

beforeAll(async () => ({ t, owner } = await appWithOwner('Rita Races', { clock })));
afterAll(() => t.close());

async function workspace(name: string) {
  const w = await newWorkspace(t, owner, name);
  const call = (method: Method, path: string, payload?: unknown, s: Session = owner) =>
    w.call(method, path, payload, { as: s });
  const creator = (displayName: string, tier = 2) => createCreator(w, displayName, { tier });
  const accepted = (creatorName: string, body: Record<string, unknown>) =>
    acceptedAgreement(w, creatorName, { termMonths: 12, ...body }, { tier: 2 });
  return { ...w, call, creator, accepted };
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

/** The audit actions recorded in a workspace, e.g. how many times an agreement was accepted. */
async function audits(ws: string, action: string) {
  return t.database.db
    .select({ entityId: auditLog.entityId, changes: auditLog.changes })
    .from(auditLog)
    .where(and(eq(auditLog.workspaceId, ws), eq(auditLog.action, action)));
}

describe('the agreement lifecycle', () => {
  /** An annual first term that began 2026-01-01 (so "today", 2026-04-01, it is active). */
  async function activeAnnual(w: Awaited<ReturnType<typeof workspace>>, name: string, extra = {}) {
    return w.accepted(name, {
      type: 'annual',
      startsOn: '2026-01-01',
      feeMinor: 1_200_000,
      collaborationsPerYear: 4,
      ...extra,
    });
  }

  it('two parallel accepts of one sent agreement record one acceptance', async () => {
    const w = await workspace('Accepts');
    const creatorId = await w.creator('Ada Accept');
    const a = await w.ok('POST', '/agreements', {
      creatorId,
      type: 'annual',
      startsOn: '2026-05-01',
      termMonths: 12,
      currency: 'USD',
      feeMinor: 100_000,
      collaborationsPerYear: 4,
    });
    await w.ok('POST', `/agreements/${a.id}/send`);
    const rs = await Promise.all([
      w.call('POST', `/agreements/${a.id}/accept`, { acceptedName: 'Ada Accept' }),
      w.call('POST', `/agreements/${a.id}/accept`, { acceptedName: 'ada accept' }),
    ]);
    expect(statuses(rs)).toEqual([200, 409]);
    expect(await audits(w.ws, 'agreement.accept')).toHaveLength(1);
    expect(await w.ok('GET', `/agreements/${a.id}`)).toMatchObject({ status: 'accepted' });
  });

  it('two parallel month-6 decisions: one is recorded, the other is refused', async () => {
    const w = await workspace('Decisions');
    const a = await activeAnnual(w, 'Dora Decide');
    expect(a.status).toBe('active');
    const rs = await Promise.all([
      w.call('POST', `/agreements/${a.id}/extend-decision`, { decision: 'extend', learned: 'Reels work' }),
      w.call('POST', `/agreements/${a.id}/extend-decision`, { decision: 'move_on', learned: 'Too slow' }),
    ]);
    expect(statuses(rs)).toEqual([200, 409]);
    const won = rs.find((r) => r.statusCode === 200)!.json();
    expect(await w.ok('GET', `/agreements/${a.id}`)).toMatchObject({ extendDecision: won.extendDecision });
    expect(await audits(w.ws, 'agreement.decide_extend')).toHaveLength(1);
  });

  it('two parallel renewals create one next term', async () => {
    const w = await workspace('Renewals');
    const a = await activeAnnual(w, 'Rene Renew');
    const rs = await Promise.all([
      w.call('POST', `/agreements/${a.id}/renew`, {}),
      w.call('POST', `/agreements/${a.id}/renew`, {}),
    ]);
    expect(statuses(rs)).toEqual([200, 409]);
    const next = await t.database.db
      .select({ id: agreements.id, termNumber: agreements.termNumber })
      .from(agreements)
      .where(and(eq(agreements.workspaceId, w.ws), eq(agreements.previousAgreementId, a.id)));
    expect(next).toEqual([{ id: rs.find((r) => r.statusCode === 200)!.json().id, termNumber: 2 }]);
  });

  it('renewing and giving notice at once: either a next term or notice on this one, never both', async () => {
    const w = await workspace('Renew or notice');
    const a = await activeAnnual(w, 'Nina Notice');
    const [renew, notice] = await Promise.all([
      w.call('POST', `/agreements/${a.id}/renew`, {}),
      w.call('POST', `/agreements/${a.id}/notice`, { by: 'brand' }),
    ]);
    expect(statuses([renew, notice])).toEqual([200, 409]);
    const term1 = await w.ok('GET', `/agreements/${a.id}`);
    const next = await t.database.db
      .select({ id: agreements.id })
      .from(agreements)
      .where(and(eq(agreements.workspaceId, w.ws), eq(agreements.previousAgreementId, a.id)));
    if (renew.statusCode === 200) {
      expect(next).toHaveLength(1);
      expect(term1).toMatchObject({ status: 'active', noticeGivenOn: null });
    } else {
      expect(next).toHaveLength(0);
      expect(term1).toMatchObject({ status: 'notice_given', noticeGivenOn: '2026-04-01' });
    }
  });

  it('two renewal jobs at once renew an auto-renewing term that is over once', async () => {
    const w = await workspace('Renewal jobs');
    // Began 2025-03-01 for 12 months: over on 2026-02-28, auto-renews.
    const a = await w.accepted('Olga Overdue', {
      type: 'annual',
      startsOn: '2025-03-01',
      feeMinor: 1_200_000,
      collaborationsPerYear: 4,
      autoRenew: true,
    });
    const ctx = { db: t.database.db, clock };
    const [r1, r2] = await Promise.all([
      renewDueAgreements(ctx, { workspaceId: w.ws }),
      renewDueAgreements(ctx, { workspaceId: w.ws }),
    ]);
    expect(r1.renewed + r2.renewed).toBe(1);
    const terms = await t.database.db
      .select({ termNumber: agreements.termNumber, status: agreements.status, startsOn: agreements.startsOn })
      .from(agreements)
      .where(and(eq(agreements.workspaceId, w.ws), eq(agreements.creatorId, a.creatorId)))
      .orderBy(agreements.termNumber);
    // By hand: term 1 ended 2026-02-28; term 2 starts 2026-03-01 and is in force today.
    expect(terms).toEqual([
      { termNumber: 1, status: 'ended', startsOn: '2025-03-01' },
      { termNumber: 2, status: 'active', startsOn: '2026-03-01' },
    ]);
  });
});

describe('briefs', () => {
  it('two parallel accepts of one brief version record one acceptance', async () => {
    const w = await workspace('Brief accepts');
    const creatorId = await w.creator('Bea Brief');
    const c = await w.ok('POST', '/campaigns', {
      name: 'Spring',
      products: ['Granola'],
      markets: ['US'],
      startsOn: '2026-04-10',
      endsOn: '2026-05-10',
    });
    const b = await w.ok('POST', `/campaigns/${c.id}/briefs`, { creatorId, title: 'Spring brief' });
    await w.ok('POST', `/campaigns/${c.id}/briefs/${b.id}/send`);
    const rs = await Promise.all([
      w.call('POST', `/campaigns/${c.id}/briefs/${b.id}/accept`, { version: 1, name: 'Bea Brief' }),
      w.call('POST', `/campaigns/${c.id}/briefs/${b.id}/accept`, { version: 1, name: 'Bea Brief' }),
    ]);
    expect(statuses(rs)).toEqual([200, 409]);
    const rows = await t.database.db
      .select()
      .from(briefAcceptances)
      .where(eq(briefAcceptances.briefId, b.id));
    expect(rows.map((r) => r.version)).toEqual([1]);
  });
});

describe('campaigns', () => {
  it('moving the start and the end at once never crosses them: one edit is refused with a 400', async () => {
    const w = await workspace('Campaign dates');
    const c = await w.ok('POST', '/campaigns', {
      name: 'May',
      products: ['Granola'],
      markets: ['US'],
      startsOn: '2026-05-01',
      endsOn: '2026-05-31',
    });
    const [start, end] = await Promise.all([
      w.call('PATCH', `/campaigns/${c.id}`, { startsOn: '2026-05-20' }),
      w.call('PATCH', `/campaigns/${c.id}`, { endsOn: '2026-05-10' }),
    ]);
    expect(statuses([start, end])).toEqual([200, 400]);
    const after = await w.ok('GET', `/campaigns/${c.id}`);
    expect(
      start.statusCode === 200
        ? { startsOn: '2026-05-20', endsOn: '2026-05-31' }
        : { startsOn: '2026-05-01', endsOn: '2026-05-10' },
    ).toEqual({ startsOn: after.startsOn, endsOn: after.endsOn });
  });
});

describe('deliverables', () => {
  it('setting a cost and clearing its currency at once: one edit is refused with a 400, never a cost without a currency', async () => {
    const w = await workspace('Deliverable cost');
    const creatorId = await w.creator('Cody Cost');
    // A planned post with a currency and no cost yet: each edit alone is valid against this row.
    const d = await w.ok('POST', '/deliverables', { creatorId, type: 'reel', costCurrency: 'USD' });
    const [setCost, clearCurrency] = await Promise.all([
      w.call('PATCH', `/deliverables/${d.id}`, { costMinor: 30_000 }),
      w.call('PATCH', `/deliverables/${d.id}`, { costCurrency: null }),
    ]);
    expect(statuses([setCost, clearCurrency])).toEqual([200, 400]);
    const refused = setCost.statusCode === 400 ? setCost : clearCurrency;
    expect(refused.json().error.fields).toEqual([
      expect.objectContaining({ field: 'costCurrency', code: 'required' }),
    ]);
    const after = await w.ok('GET', `/deliverables/${d.id}`);
    // By hand: the cost won (30,000 USD cents kept with USD), or the currency went first and the
    // cost was refused (no cost, no currency).
    expect({ costMinor: after.costMinor, costCurrency: after.costCurrency }).toEqual(
      setCost.statusCode === 200
        ? { costMinor: 30_000, costCurrency: 'USD' }
        : { costMinor: null, costCurrency: null },
    );
  });

  it("picking a brief and moving to another campaign at once: one edit is refused, the brief's campaign holds", async () => {
    const w = await workspace('Deliverable links');
    const creatorId = await w.creator('Lina Links');
    const campaign = async (name: string) =>
      (
        await w.ok('POST', '/campaigns', {
          name,
          products: ['Granola'],
          markets: ['US'],
          startsOn: '2026-04-10',
          endsOn: '2026-05-10',
        })
      ).id as string;
    const spring = await campaign('Spring');
    const summer = await campaign('Summer');
    const brief = await w.ok('POST', `/campaigns/${spring}/briefs`, { creatorId, title: 'Spring brief' });
    const d = await w.ok('POST', '/deliverables', { creatorId, type: 'reel' });
    const [pickBrief, moveCampaign] = await Promise.all([
      w.call('PATCH', `/deliverables/${d.id}`, { briefId: brief.id }),
      w.call('PATCH', `/deliverables/${d.id}`, { campaignId: summer }),
    ]);
    expect(statuses([pickBrief, moveCampaign])).toEqual([200, 400]);
    const after = await w.ok('GET', `/deliverables/${d.id}`);
    // By hand: the brief went first (its campaign, Spring; the move to Summer is refused as
    // "belongs to another campaign"), or the move went first (Summer, no brief; the Spring brief refused).
    expect({ briefId: after.briefId, campaignId: after.campaignId }).toEqual(
      pickBrief.statusCode === 200
        ? { briefId: brief.id, campaignId: spring }
        : { briefId: null, campaignId: summer },
    );
  });
});

describe('creators', () => {
  const events = (creatorId: string, kind: string) =>
    t.database.db
      .select({ data: creatorEvents.data })
      .from(creatorEvents)
      .where(and(eq(creatorEvents.creatorId, creatorId), eq(creatorEvents.kind, kind)));

  it('two parallel tier changes: the history chains (2 → x → y), and the same change twice is recorded once', async () => {
    const w = await workspace('Tiers');
    const id = await w.creator('Tia Tier', 2);
    const rs = await Promise.all([
      w.call('POST', `/creators/${id}/tier`, { tier: 1, reason: 'Great quarter' }),
      w.call('POST', `/creators/${id}/tier`, { tier: 3, reason: 'Slow quarter' }),
    ]);
    expect(statuses(rs)).toEqual([200, 200]);
    const [row] = await t.database.db
      .select({ tier: creators.tier })
      .from(creators)
      .where(eq(creators.id, id));
    const changes = (await events(id, 'tier_changed')).map((e) => e.data as { from: number; to: number });
    // Whichever came first changed it from 2; the second from the first's tier to the final one.
    expect(changes).toHaveLength(2);
    const first = changes.find((c) => c.from === 2)!;
    expect(changes).toContainEqual({ from: first.to, to: row!.tier });

    const same = await w.creator('Sam Same', 2);
    const twice = await Promise.all([
      w.call('POST', `/creators/${same}/tier`, { tier: 1, reason: 'Great quarter' }),
      w.call('POST', `/creators/${same}/tier`, { tier: 1, reason: 'Great quarter' }),
    ]);
    expect(statuses(twice)).toEqual([200, 200]);
    expect((await events(same, 'tier_changed')).map((e) => e.data)).toEqual([{ from: 2, to: 1 }]);
  });

  it('the same status change twice at once is one change on the timeline', async () => {
    const w = await workspace('Statuses');
    const id = await w.creator('Stan Status');
    const rs = await Promise.all([
      w.call('PATCH', `/creators/${id}`, { status: 'paused' }),
      w.call('PATCH', `/creators/${id}`, { status: 'paused' }),
    ]);
    expect(statuses(rs)).toEqual([200, 200]);
    expect((await events(id, 'status_changed')).map((e) => e.data)).toEqual([
      { from: 'active', to: 'paused' },
    ]);
  });

  it('two parallel touchpoints: the last touchpoint day is the later one', async () => {
    const w = await workspace('Touchpoints');
    for (const [i, [a, b]] of [
      ['2026-03-10', '2026-03-12'],
      ['2026-03-12', '2026-03-10'],
    ].entries()) {
      const id = await w.creator(`Tom Touch ${i}`);
      const rs = await Promise.all([
        w.call('POST', `/creators/${id}/touchpoints`, { channel: 'email', kind: 'check_in', occurredOn: a }),
        w.call('POST', `/creators/${id}/touchpoints`, { channel: 'dm', kind: 'check_in', occurredOn: b }),
      ]);
      expect(statuses(rs)).toEqual([200, 200]);
      const [c] = await t.database.db
        .select({ last: creators.lastTouchpointOn })
        .from(creators)
        .where(eq(creators.id, id));
      expect(c!.last).toBe('2026-03-12');
    }
  });
});

describe('team and tokens', () => {
  it('two owners demoting each other at once leave one owner', async () => {
    const w = await workspace('Two owners');
    const other = await t.signUp('Otto Owner');
    await t.database.db
      .insert(memberships)
      .values({ workspaceId: w.ws, userId: other.me.user.id, role: 'owner' });
    const rs = await Promise.all([
      w.call('PATCH', `/members/${other.me.user.id}`, { role: 'manager' }),
      w.call('PATCH', `/members/${owner.me.user.id}`, { role: 'manager' }, other),
    ]);
    // The second is refused: 409 (the last owner) when both read their roles first, 403 when the
    // first demotion had committed before the second request's own role was read.
    const [won, lost] = [...rs].sort((a, b) => a.statusCode - b.statusCode);
    expect(won!.statusCode).toBe(200);
    expect([403, 409]).toContain(lost!.statusCode);
    const owners = await t.database.db
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, w.ws), eq(memberships.role, 'owner')));
    expect(owners).toHaveLength(1);
  });

  it('one invitation accepted twice at once: one joins, the other is told it was used', async () => {
    const w = await workspace('Invites');
    const invitee = await t.signUp('Ivy Invitee');
    const res = await w.call('POST', '/invitations', { email: invitee.email, role: 'manager' });
    const token = res.json().acceptUrl.split('/').pop();
    const rs = await Promise.all([
      t.call(invitee, { method: 'POST', url: `/api/v1/invitations/${token}/accept` }),
      t.call(invitee, { method: 'POST', url: `/api/v1/invitations/${token}/accept` }),
    ]);
    expect(statuses(rs)).toEqual([200, 410]);
    expect(await audits(w.ws, 'invitation.accepted')).toHaveLength(1);
  });

  it('two parallel revocations of one token: one revokes, the other is told it already is', async () => {
    const w = await workspace('Tokens');
    const { id } = (await w.ok('POST', '/tokens', { name: 'script', role: 'manager' })).token;
    const rs = await Promise.all([w.call('DELETE', `/tokens/${id}`), w.call('DELETE', `/tokens/${id}`)]);
    expect(statuses(rs)).toEqual([200, 409]);
    expect(await audits(w.ws, 'api_token.revoked')).toHaveLength(1);
    const [tok] = await t.database.db.select().from(apiTokens).where(eq(apiTokens.id, id));
    expect(tok!.revokedAt).not.toBeNull();
  });
});
