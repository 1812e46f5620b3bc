import type { Clock } from '@evergreen/core';
import { auditLog } from '@evergreen/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedAgreement } from '../testing/factories/agreements.ts';
import { joinWorkspace } from '../testing/factories/team.ts';
import { newWorkspace } from '../testing/factories/workspace.ts';
import { appWithOwner, type Session, type TestApp } from '../testing/harness.ts';

// A fixed clock: "today" is 2026-04-01 (UTC), 90 days into a calendar fiscal year.
const now = new Date('2026-04-01T10:00:00Z');
const clock: Clock = { now: () => now };

let t: TestApp;
let owner: Session;

beforeAll(async () => ({ t, owner } = await appWithOwner('Bea Budget', { clock })));
afterAll(() => t.close());

async function workspace(name: string) {
  const w = await newWorkspace(t, owner, name);
  const accepted = (creatorName: string, tier: number, body: Record<string, unknown>) =>
    acceptedAgreement(w, creatorName, { termMonths: 12, ...body }, { tier });
  /** The seed's Tier 1: six creators on annual agreements from 2026-01-01, 4 times a year × $2,500. */
  const seedTierOne = async (namePrefix: string, extra: Record<string, unknown> = {}) => {
    for (let i = 0; i < 6; i++) {
      await accepted(`${namePrefix} ${i}`, 1, {
        type: 'annual',
        startsOn: '2026-01-01',
        collaborationsPerYear: 4,
        ...extra,
        rates: [{ deliverableType: 'sponsored_post', amountMinor: 250_000 }],
      });
    }
  };
  /** A one-off of 50,000.00 RUB from 2026-05-10 (one month). */
  const roubleOneOff = (creatorName: string, tier: number) =>
    accepted(creatorName, tier, {
      type: 'one_off',
      startsOn: '2026-05-10',
      termMonths: 1,
      currency: 'RUB',
      feeMinor: 5_000_000,
    });
  /** A $1,000 monthly retainer from 2026-01-15 for 6 months, each month due 10 days after. */
  const sixMonthRetainer = (creatorName: string, tier: number) =>
    accepted(creatorName, tier, {
      type: 'retainer',
      startsOn: '2026-01-15',
      termMonths: 6,
      monthlyFeeMinor: 100_000,
      paymentTermsDays: 10,
    });
  return { ...w, accepted, seedTierOne, roubleOneOff, sixMonthRetainer };
}

describe('exchange rates', () => {
  it('adds, lists, corrects, bulk-upserts and deletes rates, exactly', async () => {
    const w = await workspace('Rates Co');
    const eur = await w.ok('POST', '/exchange-rates', {
      currency: 'EUR',
      onDate: '2026-01-01',
      rate: '1.0850000001',
    });
    expect(eur).toMatchObject({
      currency: 'EUR',
      reportingCurrency: 'USD',
      onDate: '2026-01-01',
      rate: '1.0850000001',
    });
    const dup = await w.call('POST', '/exchange-rates', {
      currency: 'EUR',
      onDate: '2026-01-01',
      rate: '1.1',
    });
    expect(dup.statusCode).toBe(409);
    const same = await w.call('POST', '/exchange-rates', {
      currency: 'USD',
      onDate: '2026-01-01',
      rate: '1',
    });
    expect(same.statusCode).toBe(400);
    const zero = await w.call('POST', '/exchange-rates', {
      currency: 'RUB',
      onDate: '2026-01-01',
      rate: '0.000',
    });
    expect(zero.statusCode).toBe(400);

    const bulk = await w.ok('POST', '/exchange-rates/bulk', {
      rates: [
        { currency: 'EUR', onDate: '2026-01-01', rate: '1.09' },
        { currency: 'RUB', onDate: '2026-01-01', rate: '0.0109' },
        { currency: 'JPY', onDate: '2026-01-01', rate: '0.0067' },
      ],
    });
    expect(bulk).toMatchObject({ created: 2, updated: 1 });
    const list = await w.ok('GET', '/exchange-rates');
    expect(list.rates.map((r: { currency: string; rate: string }) => `${r.currency} ${r.rate}`)).toEqual([
      'EUR 1.09',
      'JPY 0.0067',
      'RUB 0.0109',
    ]);
    expect((await w.ok('GET', '/exchange-rates?currency=RUB')).rates).toHaveLength(1);
    const patched = await w.ok('PATCH', `/exchange-rates/${eur.id}`, { rate: '1.1' });
    expect(patched.rate).toBe('1.1');
    await w.ok('DELETE', `/exchange-rates/${eur.id}`);
    expect((await w.call('GET', `/exchange-rates/${eur.id}`)).statusCode).toBe(404);
  });
});

describe('exchange rates CSV import', () => {
  const importCsv = (ws: string, csv: string) =>
    t.call(owner, {
      method: 'POST',
      url: `/api/v1/workspaces/${ws}/exchange-rates/import`,
      headers: { 'content-type': 'text/csv' },
      payload: csv,
    });

  it('imports date,currency,rate rows in one go, replacing the same pair and day', async () => {
    const w = await workspace('Rates CSV Co');
    await w.ok('POST', '/exchange-rates', { currency: 'EUR', onDate: '2026-01-01', rate: '1.2' });
    const res = await importCsv(
      w.ws,
      '\uFEFFDate,Currency,Rate\r\n2026-01-01,eur,1.085\r\n\r\n2026-02-01,EUR,1.0900000001\r\n2026-01-01,JPY,0.0067\r\n',
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ created: 2, updated: 1 });
    const list = (await w.ok('GET', '/exchange-rates')).rates;
    expect(
      list.map(
        (r: { currency: string; onDate: string; rate: string }) => `${r.currency} ${r.onDate} ${r.rate}`,
      ),
    ).toEqual(['EUR 2026-01-01 1.085', 'EUR 2026-02-01 1.0900000001', 'JPY 2026-01-01 0.0067']);
    // Semicolons and decimal commas (a Russian-locale spreadsheet), as JSON { csv } too.
    const semi = await w.call('POST', '/exchange-rates/import', {
      csv: 'currency;date;rate\nRUB;2026-01-01;0,0109\n',
    });
    expect(semi.statusCode, semi.body).toBe(200);
    expect((await w.ok('GET', '/exchange-rates?currency=RUB')).rates[0].rate).toBe('0.0109');
  });

  it('names every error by row and column and imports nothing', async () => {
    const w = await workspace('Rates CSV Bad Co');
    const res = await importCsv(
      w.ws,
      'date,currency,rate\n2026-01-01,EUR,1.08\n2026-02-30,EUR,1.1\n2026-03-01,EURO,1\n2026-03-01,USD,1\n2026-04-01,GBP,0\n2026-01-01,EUR,1.09\n',
    );
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual([
      'rows.3.date',
      'rows.4.currency',
      'rows.5.currency',
      'rows.6.rate',
      'rows.7.date',
    ]);
    expect(res.json().error.fields[0].message).toMatch(/^Row 3, column date: /);
    expect((await w.ok('GET', '/exchange-rates')).rates).toEqual([]);
    const noHeader = await importCsv(w.ws, '2026-01-01,EUR,1.08\n');
    expect(noHeader.statusCode).toBe(400);
    expect(noHeader.json().error.fields[0]).toMatchObject({ field: 'csv', code: 'missing_header' });
    expect((await importCsv(w.ws, 'date,currency,rate\n')).statusCode).toBe(400);
    expect((await w.ok('GET', '/exchange-rates')).rates).toEqual([]);
  });
});

describe('budgets', () => {
  it("the seed's Tier 1: 6 creators × 4 times a year × $2,500 = $60,000 committed, with 40/40/20", async () => {
    const w = await workspace('Seed Co');
    await w.seedTierOne('Tier One');
    // Tier 2: a EUR retainer from October (3 months in the year); Tier 3: a RUB one-off without a rate.
    await w.accepted('Regular', 2, {
      type: 'retainer',
      startsOn: '2026-10-01',
      currency: 'EUR',
      monthlyFeeMinor: 100_000,
    });
    await w.roubleOneOff('Once', 3);
    // A draft commits nothing.
    const draftCreator = (await w.ok('POST', '/creators', { displayName: 'Draft', tier: 1 })).id;
    await w.ok('POST', '/agreements', {
      creatorId: draftCreator,
      type: 'one_off',
      startsOn: '2026-05-01',
      termMonths: 1,
      currency: 'USD',
      feeMinor: 1,
    });
    await w.ok('POST', '/exchange-rates', { currency: 'EUR', onDate: '2026-09-30', rate: '1.1' });

    const budget = await w.ok('POST', '/budgets', { fiscalYear: 2026, totalMinor: 15_000_000 });
    expect(budget).toMatchObject({
      fiscalYear: 2026,
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
      currency: 'USD',
      tierShares: [
        { tier: 1, sharePct: '40' },
        { tier: 2, sharePct: '40' },
        { tier: 3, sharePct: '20' },
      ],
    });
    expect((await w.call('POST', '/budgets', { fiscalYear: 2026, totalMinor: 1 })).statusCode).toBe(409);

    const s = await w.ok('GET', '/budgets/2026/summary');
    expect(s.tiers[0]).toMatchObject({
      tier: 1,
      allocationMinor: 6_000_000,
      committedMinor: 6_000_000,
      reserveMinor: null,
      paidMinor: 0,
      remainingMinor: 0,
      warnings: [],
    });
    // 3 × €1,000.00 at 1.1 = $3,300.00; reserve = $60,000 × 90/365 = $14,794.52 (half-even)
    expect(s.tiers[1]).toMatchObject({
      allocationMinor: 6_000_000,
      committedMinor: 330_000,
      reserveMinor: 1_479_452,
    });
    expect(s.tiers[2]).toMatchObject({
      allocationMinor: 3_000_000,
      committedMinor: 0,
      reserveMinor: 739_726,
    });
    expect(s.warnings).toEqual([
      expect.objectContaining({ code: 'missing_rate', currency: 'RUB', on: '2026-05-10' }),
    ]);
    expect(s.months).toHaveLength(12);
    expect(s.months.reduce((x: number, m: { committedMinor: number }) => x + m.committedMinor, 0)).toBe(
      6_330_000,
    );
    expect(s.committedMinor).toBe(6_330_000);

    // The rate arrives: the one-off counts; shrink the budget so Tier 1 is over its allocation.
    await w.ok('POST', '/exchange-rates', { currency: 'RUB', onDate: '2026-01-01', rate: '0.0109' });
    await w.ok('PATCH', '/budgets/2026', {
      totalMinor: 10_000_000,
      tierShares: [
        { tier: 1, sharePct: '50' },
        { tier: 2, sharePct: '25' },
        { tier: 3, sharePct: '25' },
      ],
      marketSplit: [
        { market: 'US', sharePct: '60' },
        { market: 'DE', sharePct: '40' },
      ],
    });
    const s2 = await w.ok('GET', '/budgets/2026/summary');
    expect(s2.warnings).toEqual([]);
    expect(s2.tiers[0]).toMatchObject({ allocationMinor: 5_000_000, remainingMinor: -1_000_000 });
    expect(s2.tiers[0].warnings.map((x: { code: string }) => x.code)).toEqual(['over_allocation']);
    expect(s2.tiers[2]).toMatchObject({ committedMinor: 54_500 });
    expect(s2.markets).toEqual([
      { market: 'US', sharePct: '60', allocationMinor: 6_000_000 },
      { market: 'DE', sharePct: '40', allocationMinor: 4_000_000 },
    ]);
    const bad = await w.call('PATCH', '/budgets/2026', {
      tierShares: [
        { tier: 1, sharePct: '50' },
        { tier: 2, sharePct: '50' },
        { tier: 3, sharePct: '1' },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect((await w.ok('GET', '/budgets')).budgets).toHaveLength(1);
    await w.ok('DELETE', '/budgets/2026');
    expect((await w.call('GET', '/budgets/2026/summary')).statusCode).toBe(404);
  });

  it("plans next year: the seed's 6 auto-renewing Tier 1 creators × 4 times × $2,500 = $60,000", async () => {
    const w = await workspace('Plan Co');
    await w.seedTierOne('Planned', { autoRenew: true });
    // Over at the end of 2026 and not renewing: not in the plan.
    await w.accepted('Leaving', 1, {
      type: 'annual',
      startsOn: '2026-01-01',
      collaborationsPerYear: 2,
      rates: [{ deliverableType: 'reel', amountMinor: 100_000 }],
    });
    await w.accepted('Euro', 2, {
      type: 'retainer',
      startsOn: '2026-06-01',
      currency: 'EUR',
      monthlyFeeMinor: 100_000,
    });
    expect((await w.call('GET', '/budgets/2026/plan')).statusCode).toBe(404);
    await w.ok('POST', '/budgets', { fiscalYear: 2026, totalMinor: 10_000_000 });
    const plan = await w.ok('GET', '/budgets/2026/plan');
    expect(plan).toMatchObject({
      fiscalYear: 2027,
      basedOnYear: 2026,
      startsOn: '2027-01-01',
      currency: 'USD',
      totalMinor: 6_000_000,
    });
    expect(plan.tiers[0]).toEqual({
      tier: 1,
      lines: [
        {
          type: 'annual',
          creators: 6,
          timesPerYear: 4,
          rateMinor: 250_000,
          currency: 'USD',
          totalMinor: 6_000_000,
          reportingMinor: 6_000_000,
        },
      ],
      totalMinor: 6_000_000,
    });
    expect(plan.tiers[1].lines[0]).toMatchObject({
      currency: 'EUR',
      totalMinor: 1_200_000,
      reportingMinor: null,
    });
    expect(plan.warnings).toEqual([expect.objectContaining({ code: 'missing_rate', currency: 'EUR' })]);
    await w.ok('POST', '/exchange-rates', { currency: 'EUR', onDate: '2026-12-01', rate: '1.1' });
    const withRate = await w.ok('GET', '/budgets/2026/plan');
    expect(withRate).toMatchObject({ totalMinor: 7_320_000, warnings: [] });
  });

  it('follows a fiscal year that starts in April', async () => {
    const ws = (
      await t.call(owner, {
        method: 'POST',
        url: '/api/v1/workspaces',
        payload: { name: 'April Co', fiscalYearStartMonth: 4, reportingCurrency: 'EUR' },
      })
    ).json();
    const b = (
      await t.call(owner, {
        method: 'POST',
        url: `/api/v1/workspaces/${ws.id}/budgets`,
        payload: { fiscalYear: 2026, totalMinor: 100 },
      })
    ).json();
    expect(b).toMatchObject({ startsOn: '2026-04-01', endsOn: '2027-03-31', currency: 'EUR' });
    const s = (
      await t.call(owner, { method: 'GET', url: `/api/v1/workspaces/${ws.id}/budgets/2026/summary` })
    ).json();
    expect(s.months[0].month).toBe('2026-04');
    expect(s.tiers[1].reserveMinor).toBe(0);
  });
});

describe('payments', () => {
  it('lists each payment in its own currency and in the reporting currency at the due date rate', async () => {
    const w = await workspace('Two Currencies');
    // A rate from 2026-02-01 only: the January payment has none, February's converts.
    await w.ok('POST', '/exchange-rates', { currency: 'RUB', onDate: '2026-02-01', rate: '0.0109' });
    await w.accepted('Рубли', 1, {
      type: 'retainer',
      startsOn: '2026-01-05',
      termMonths: 2,
      currency: 'RUB',
      monthlyFeeMinor: 12_000_000,
      paymentTermsDays: 10,
    });
    await w.ok('POST', '/payments/generate');
    const list = (await w.ok('GET', '/payments')).payments;
    expect(
      list.map((p: { dueOn: string; amountMinor: number; currency: string; reporting: unknown }) => [
        p.dueOn,
        p.amountMinor,
        p.currency,
        p.reporting,
      ]),
    ).toEqual([
      ['2026-01-15', 12_000_000, 'RUB', null],
      // 120,000.00 RUB × 0.0109 = 1,308.00 USD
      ['2026-02-15', 12_000_000, 'RUB', { currency: 'USD', amountMinor: 130_800 }],
    ]);
  });

  it('schedules from agreements, marks paid (partly), lists overdue and the on-time rate', async () => {
    const w = await workspace('Pay Co');
    const ret = await w.sixMonthRetainer('Retained', 1);
    const one = await w.accepted('Project', 3, {
      type: 'project',
      startsOn: '2026-03-01',
      termMonths: 1,
      feeMinor: 1,
    });
    await w.ok('POST', '/deliverables', {
      creatorId: one.creatorId,
      agreementId: one.id,
      type: 'reel',
      status: 'live',
      postedAt: '2026-03-05T12:00:00Z',
      costMinor: 40_000,
      costCurrency: 'USD',
    });
    const gen = await w.ok('POST', '/payments/generate');
    expect(gen.created).toBe(7);
    expect((await w.ok('POST', '/payments/generate')).created).toBe(0);
    const all = (await w.ok('GET', '/payments')).payments;
    const retainerDue = all
      .filter((p: { agreementId: string }) => p.agreementId === ret.id)
      .map((p: { dueOn: string }) => p.dueOn);
    expect(retainerDue).toEqual([
      '2026-01-25',
      '2026-02-25',
      '2026-03-25',
      '2026-04-25',
      '2026-05-25',
      '2026-06-25',
    ]);
    const reel = all.find((p: { deliverableId: string | null }) => p.deliverableId);
    expect(reel).toMatchObject({ dueOn: '2026-04-04', amountMinor: 40_000, status: 'scheduled' });

    // Today is 2026-04-01: January to March are overdue.
    const overdue = (await w.ok('GET', '/payments/overdue')).payments;
    expect(overdue.map((p: { dueOn: string }) => p.dueOn)).toEqual([
      '2026-01-25',
      '2026-02-25',
      '2026-03-25',
    ]);
    const [jan, feb, mar] = overdue;
    await w.ok('POST', `/payments/${jan.id}/pay`, { paidOn: '2026-01-20', reference: 'TX-1' });
    const part = await w.ok('POST', `/payments/${feb.id}/pay`, { paidOn: '2026-02-20', amountMinor: 40_000 });
    expect(part).toMatchObject({ status: 'partially_paid', paidMinor: 40_000, overdue: true });
    const full = await w.ok('POST', `/payments/${feb.id}/pay`, { paidOn: '2026-03-01' });
    expect(full).toMatchObject({ status: 'paid', paidMinor: 100_000, paidOn: '2026-03-01', overdue: false });
    expect((await w.call('POST', `/payments/${feb.id}/pay`, { paidOn: '2026-03-02' })).statusCode).toBe(409);
    await w.ok('POST', `/payments/${mar.id}/cancel`);
    expect((await w.ok('GET', '/payments/overdue')).payments).toEqual([]);

    const onTime = (await w.ok('GET', '/payments/on-time')).creators;
    expect(onTime).toEqual([
      { creatorId: one.creatorId, creatorName: 'Project', paid: 0, onTime: 0, ratePct: null },
      { creatorId: ret.creatorId, creatorName: 'Retained', paid: 2, onTime: 1, ratePct: '50' },
    ]);

    await w.ok('POST', '/budgets', { fiscalYear: 2026, totalMinor: 10_000_000 });
    const s = await w.ok('GET', '/budgets/2026/summary');
    expect(s.tiers[0]).toMatchObject({ committedMinor: 600_000, paidMinor: 200_000 });
    expect(s.tiers[2]).toMatchObject({ committedMinor: 1, paidMinor: 0 });

    // By month: committed (retainer months from the 15th, the project in March), scheduled by
    // due date (March's was cancelled; April has the reel too), paid by the day paid (February's
    // was finished on 1 March, so all of it counts in March).
    const f = await w.ok('GET', '/budgets/2026/forecast');
    expect(f).toMatchObject({
      fiscalYear: 2026,
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
      currency: 'USD',
    });
    expect(
      f.months.map(
        (m: { month: string; committedMinor: number; scheduledMinor: number; paidMinor: number }) => [
          m.month,
          m.committedMinor,
          m.scheduledMinor,
          m.paidMinor,
        ],
      ),
    ).toEqual([
      ['2026-01', 100_000, 100_000, 100_000],
      ['2026-02', 100_000, 100_000, 0],
      ['2026-03', 100_001, 0, 100_000],
      ['2026-04', 100_000, 140_000, 0],
      ['2026-05', 100_000, 100_000, 0],
      ['2026-06', 100_000, 100_000, 0],
      ['2026-07', 0, 0, 0],
      ['2026-08', 0, 0, 0],
      ['2026-09', 0, 0, 0],
      ['2026-10', 0, 0, 0],
      ['2026-11', 0, 0, 0],
      ['2026-12', 0, 0, 0],
    ]);
    expect(f.totals).toEqual({ committedMinor: 600_001, scheduledMinor: 540_000, paidMinor: 200_000 });
    expect(f.warnings).toEqual([]);
    expect((await w.call('GET', '/budgets/2027/forecast')).statusCode).toBe(404);
  });

  it('schedules a retainer across a renewal with a reviewed rate: $3,000 then $3,300, terms applied', async () => {
    const w = await workspace('Renew Pay Co');
    // Term 1: 2025-05-31 for 12 months (through 2026-05-30), 30 days to pay, auto-renewing.
    const t1 = await w.accepted('Renewed', 1, {
      type: 'retainer',
      startsOn: '2025-05-31',
      termMonths: 12,
      monthlyFeeMinor: 300_000,
      paymentTermsDays: 30,
      autoRenew: true,
    });
    // The annual review: +10% is the bound; one cent more is refused.
    const over = await w.call('POST', `/agreements/${t1.id}/renew`, { monthlyFeeMinor: 330_001 });
    expect(over.statusCode).toBe(400);
    const t2 = await w.ok('POST', `/agreements/${t1.id}/renew`, { monthlyFeeMinor: 330_000 });
    expect(t2).toMatchObject({ startsOn: '2026-05-31', termMonths: 12, monthlyFeeMinor: 330_000 });

    expect((await w.ok('POST', '/payments/generate')).created).toBe(24);
    const all = (await w.ok('GET', '/payments')).payments as {
      agreementId: string;
      periodOn: string;
      dueOn: string;
      amountMinor: number;
    }[];
    const row = (p: (typeof all)[number]) => [
      p.agreementId === t1.id ? 1 : 2,
      p.periodOn,
      p.dueOn,
      p.amountMinor,
    ];
    // Term months are S + k months (clamped to the month's end), due 30 days after.
    expect(all.slice(9, 15).map(row)).toEqual([
      [1, '2026-02-28', '2026-03-30', 300_000],
      [1, '2026-03-31', '2026-04-30', 300_000],
      [1, '2026-04-30', '2026-05-30', 300_000],
      [2, '2026-05-31', '2026-06-30', 330_000],
      [2, '2026-06-30', '2026-07-30', 330_000],
      [2, '2026-07-31', '2026-08-30', 330_000],
    ]);
    expect(all.map(row)[0]).toEqual([1, '2025-05-31', '2025-06-30', 300_000]);
    expect(all.map(row)[23]).toEqual([2, '2027-04-30', '2027-05-30', 330_000]);
    expect(all.filter((p) => p.agreementId === t1.id)).toHaveLength(12);
    expect(all.reduce((s, p) => s + p.amountMinor, 0)).toBe(12 * 300_000 + 12 * 330_000);

    // Next year's plan takes the reviewed fee: 1 creator × 12 months × $3,300.
    await w.ok('POST', '/budgets', { fiscalYear: 2026, totalMinor: 10_000_000 });
    const plan = await w.ok('GET', '/budgets/2026/plan');
    expect(plan.tiers[0].lines).toEqual([
      {
        type: 'retainer',
        creators: 1,
        timesPerYear: 12,
        rateMinor: 330_000,
        currency: 'USD',
        totalMinor: 3_960_000,
        reportingMinor: 3_960_000,
      },
    ]);
  });

  it('forecasts in the reporting currency: due at the due date, paid at the day paid, missing rates named', async () => {
    const w = await workspace('Forecast Co');
    await w.accepted('Euro Retainer', 2, {
      type: 'retainer',
      startsOn: '2026-02-01',
      termMonths: 3,
      currency: 'EUR',
      monthlyFeeMinor: 100_000,
      paymentTermsDays: 0,
    });
    await w.roubleOneOff('Rouble Once', 3);
    await w.ok('POST', '/exchange-rates/bulk', {
      rates: [
        { currency: 'EUR', onDate: '2026-01-01', rate: '1.1' },
        { currency: 'EUR', onDate: '2026-03-15', rate: '1.2' },
      ],
    });
    expect((await w.ok('POST', '/payments/generate')).created).toBe(3);
    const [feb] = (await w.ok('GET', '/payments')).payments;
    await w.ok('POST', `/payments/${feb.id}/pay`, { paidOn: '2026-03-20' });
    await w.ok('POST', '/budgets', { fiscalYear: 2026, totalMinor: 10_000_000 });
    const f = await w.ok('GET', '/budgets/2026/forecast');
    expect(f.months.slice(1, 5)).toEqual([
      { month: '2026-02', committedMinor: 110_000, scheduledMinor: 110_000, paidMinor: 0 },
      { month: '2026-03', committedMinor: 110_000, scheduledMinor: 110_000, paidMinor: 120_000 },
      { month: '2026-04', committedMinor: 120_000, scheduledMinor: 120_000, paidMinor: 0 },
      { month: '2026-05', committedMinor: 0, scheduledMinor: 0, paidMinor: 0 },
    ]);
    expect(f.totals).toEqual({ committedMinor: 340_000, scheduledMinor: 340_000, paidMinor: 120_000 });
    expect(f.warnings).toEqual([
      expect.objectContaining({ code: 'missing_rate', currency: 'RUB', on: '2026-05-10' }),
    ]);
  });
});

describe('the payments list, paged', () => {
  it('opens on what needs action (most overdue first), pages it, and counts and sums every match', async () => {
    const w = await workspace('Paging Co');
    const ret = await w.sixMonthRetainer('Retained', 1);
    const ru = await w.accepted('Проект', 2, {
      type: 'project',
      startsOn: '2026-03-01',
      termMonths: 1,
      feeMinor: 5_000_000,
      currency: 'RUB',
    });
    await w.ok('POST', '/deliverables', {
      creatorId: ru.creatorId,
      agreementId: ru.id,
      type: 'reel',
      status: 'live',
      postedAt: '2026-03-05T12:00:00Z',
      costMinor: 5_000_000,
      costCurrency: 'RUB',
    });
    expect((await w.ok('POST', '/payments/generate')).created).toBe(7);
    const byDue = (await w.ok('GET', '/payments')).payments as { id: string; dueOn: string }[];
    const due = (day: string) => byDue.find((p) => p.dueOn === day)!.id;
    const [jan, feb, mar, reel, apr, may, jun] = [
      '2026-01-25',
      '2026-02-25',
      '2026-03-25',
      '2026-04-04',
      '2026-04-25',
      '2026-05-25',
      '2026-06-25',
    ].map(due);
    expect(byDue.filter((p) => p.id === jan)).toHaveLength(1);
    await w.ok('POST', `/payments/${jan}/pay`, { paidOn: '2026-01-20' });
    await w.ok('POST', `/payments/${feb}/pay`, { paidOn: '2026-02-20', amountMinor: 40_000 });

    // Today is 2026-04-01. Unpaid first, by due date (February, part paid, is the most overdue);
    // January, paid, comes last. Totals cover all seven, not the page of three.
    const first = await w.ok('GET', '/payments?sort=action&limit=3');
    expect(first.payments.map((p: { id: string }) => p.id)).toEqual([feb, mar, reel]);
    expect(first.total).toBe(7);
    // Owed: USD 60,000 left on February + 4 × 100,000 (March to June); RUB 5,000,000 for the reel.
    expect(first.owed).toEqual([
      { currency: 'RUB', amountMinor: 5_000_000 },
      { currency: 'USD', amountMinor: 460_000 },
    ]);
    const last = await w.ok('GET', '/payments?sort=action&limit=3&offset=6');
    expect(last.payments.map((p: { id: string }) => p.id)).toEqual([jan]);

    const overdue = await w.ok('GET', '/payments?sort=action&overdue=true');
    expect(overdue.payments.map((p: { id: string }) => p.id)).toEqual([feb, mar]);
    expect(overdue).toMatchObject({ total: 2, owed: [{ currency: 'USD', amountMinor: 160_000 }] });
    const open = await w.ok('GET', '/payments?sort=action&open=true&limit=2&offset=4');
    expect(open.payments.map((p: { id: string }) => p.id)).toEqual([may, jun]);
    expect(open.total).toBe(6);
    const middle = await w.ok('GET', '/payments?sort=action&open=true&limit=2&offset=2');
    expect(middle.payments.map((p: { id: string }) => p.id)).toEqual([reel, apr]);
    expect(byDue.every((p) => p.id !== ret.id)).toBe(true);

    const bad = await w.call('GET', '/payments?limit=0');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('limit');
    const sort = await w.call('GET', '/payments?sort=oldest');
    expect(sort.statusCode).toBe(400);
    expect(sort.body).toContain('sort');
  });
});

describe('payments in Today', () => {
  it('lists unpaid payments overdue or due within 7 days, typed, after decisions and before check-ins', async () => {
    const w = await workspace('Today Pay Co');
    const ret = await w.accepted('Monthly Mo', 2, {
      type: 'retainer',
      startsOn: '2026-01-05',
      termMonths: 6,
      monthlyFeeMinor: 10_000,
      paymentTermsDays: 0,
    });
    await w.accepted('Today Tia', 3, {
      type: 'retainer',
      startsOn: '2026-03-02',
      termMonths: 1,
      currency: 'EUR',
      monthlyFeeMinor: 20_000,
      paymentTermsDays: 30,
    });
    await w.ok('POST', '/payments/generate');
    const all = (await w.ok('GET', '/payments')).payments as { id: string; dueOn: string }[];
    const due = (d: string) => all.find((p) => p.dueOn === d)!.id;
    await w.ok('POST', `/payments/${due('2026-01-05')}/pay`, { paidOn: '2026-01-05' });
    await w.ok('POST', `/payments/${due('2026-02-05')}/pay`, { paidOn: '2026-02-10', amountMinor: 4_000 });
    await w.ok('POST', `/payments/${due('2026-03-05')}/cancel`);

    // Today is 2026-04-01: February's (partly paid) is overdue, Tia's is due today, April's in 4 days.
    const today = await w.ok('GET', '/today');
    const pays = today.items.filter((i: { type: string }) => i.type === 'payment');
    expect(
      pays.map((i: Record<string, unknown>) => [
        i.bucket,
        i.creatorName,
        i.dueOn,
        i.daysOverdue,
        i.amountMinor,
        i.paidMinor,
        i.currency,
        i.status,
      ]),
    ).toEqual([
      ['overdue', 'Monthly Mo', '2026-02-05', 55, 10_000, 4_000, 'USD', 'partially_paid'],
      ['due', 'Today Tia', '2026-04-01', 0, 20_000, 0, 'EUR', 'scheduled'],
      ['upcoming', 'Monthly Mo', '2026-04-05', 0, 10_000, 0, 'USD', 'scheduled'],
    ]);
    expect(pays[0]).toMatchObject({
      paymentId: due('2026-02-05'),
      creatorId: ret.creatorId,
      agreementId: ret.id,
      tier: 2,
      ownerName: null,
    });
    // Within each bucket: renewal decisions, then payments, then check-ins.
    const rank = { renewal_decision: 0, payment: 1, check_in: 2 } as Record<string, number>;
    for (const bucket of ['overdue', 'due', 'upcoming']) {
      const types = today.items
        .filter((i: { bucket: string }) => i.bucket === bucket)
        .map((i: { type: string }) => rank[i.type]);
      expect(types).toEqual([...types].sort());
    }
    expect(today.items.some((i: { type: string }) => i.type === 'check_in')).toBe(true);
    // "Mine": the owner owns none of these creators.
    const mine = await w.ok('GET', '/today?scope=mine');
    expect(mine.items.filter((i: { type: string }) => i.type === 'payment')).toEqual([]);
  });
});

describe('accounting CSV', () => {
  it('exports payments due in a range, exactly: BOM, CRLF, quoted and neutralised cells', async () => {
    const w = await workspace('Csv Co');
    await w.ok('POST', '/exchange-rates', { currency: 'EUR', onDate: '2026-01-01', rate: '1.1' });
    await w.accepted('=Formula Fay', 1, {
      type: 'retainer',
      title: 'Retainer 2026',
      startsOn: '2026-01-10',
      termMonths: 2,
      currency: 'EUR',
      monthlyFeeMinor: 100_000,
      paymentTermsDays: 5,
    });
    await w.accepted('Ivan, "Jr."', 2, {
      type: 'retainer',
      title: '+Plus Deal',
      startsOn: '2026-03-01',
      termMonths: 1,
      currency: 'JPY',
      monthlyFeeMinor: 50_000,
      paymentTermsDays: 0,
    });
    await w.ok('POST', '/payments/generate');
    const all = (await w.ok('GET', '/payments')).payments as { id: string; dueOn: string }[];
    const due = (d: string) => all.find((p) => p.dueOn === d)!.id;
    await w.ok('POST', `/payments/${due('2026-01-15')}/pay`, { paidOn: '2026-01-20', reference: '@ref-1' });
    await w.ok('POST', `/payments/${due('2026-03-01')}/pay`, {
      paidOn: '2026-03-03',
      amountMinor: 20_000,
      reference: 'A,B',
    });

    const res = await w.call('GET', '/payments/export.csv?from=2026-01-01&to=2026-03-31');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="payments-2026-01-01-to-2026-03-31.csv"',
    );
    const expected =
      '\uFEFFDue date,Creator,Agreement,Amount,Currency,Amount (USD),Status,Paid on,Paid amount,Reference\r\n' +
      "2026-01-15,'=Formula Fay,Retainer 2026,1000.00,EUR,1100.00,paid,2026-01-20,1000.00,'@ref-1\r\n" +
      "2026-02-15,'=Formula Fay,Retainer 2026,1000.00,EUR,1100.00,scheduled,,,\r\n" +
      '2026-03-01,"Ivan, ""Jr.""",\'+Plus Deal,50000,JPY,,partially_paid,2026-03-03,20000,"A,B"\r\n';
    expect(res.rawPayload.equals(Buffer.from(expected, 'utf8'))).toBe(true);
    expect(res.body).toBe(expected);

    const feb = await w.call('GET', '/payments/export.csv?from=2026-02-01&to=2026-02-28');
    expect(feb.body.split('\r\n').filter(Boolean)).toHaveLength(2);
    expect((await w.call('GET', '/payments/export.csv?from=2026-03-01&to=2026-02-01')).statusCode).toBe(400);
  });
});

describe('payment invoices', () => {
  it('uploads, lists, downloads byte-identical, refuses bad files and analysts, deletes, audited', async () => {
    const w = await workspace('Invoice Co');
    const creatorId = (await w.ok('POST', '/creators', { displayName: 'Billed', status: 'active' })).id;
    await w.ok('POST', '/deliverables', {
      creatorId,
      type: 'reel',
      status: 'approved',
      costMinor: 10_000,
      costCurrency: 'USD',
    });
    const [p] = (await w.ok('POST', '/payments/generate')).payments;
    // Every byte value, so a driver that mangles binary data shows here.
    const pdf = Buffer.concat([
      Buffer.from('%PDF-1.4\n'),
      Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
      Buffer.from('\n%%EOF\n'),
    ]);
    const inv = await w.ok('POST', `/payments/${p.id}/invoices`, {
      filename: '../Rechnung "März" 2026.pdf',
      contentType: 'application/pdf',
      dataBase64: pdf.toString('base64'),
    });
    expect(inv).toMatchObject({
      paymentId: p.id,
      filename: 'Rechnung "März" 2026.pdf',
      contentType: 'application/pdf',
      sizeBytes: pdf.length,
    });
    const list = await w.ok('GET', `/payments/${p.id}/invoices`);
    expect(list.invoices).toEqual([inv]);
    expect(list.invoices[0]).not.toHaveProperty('data');

    const file = await w.call('GET', `/payments/${p.id}/invoices/${inv.id}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toBe(
      `attachment; filename="Rechnung _M_rz_ 2026.pdf"; filename*=UTF-8''Rechnung%20%22M%C3%A4rz%22%202026.pdf`,
    );
    expect(Buffer.compare(file.rawPayload, pdf)).toBe(0);

    const bad = async (body: Record<string, unknown>, field: string) => {
      const res = await w.call('POST', `/payments/${p.id}/invoices`, {
        filename: 'x.pdf',
        contentType: 'application/pdf',
        dataBase64: 'JVBERg==',
        ...body,
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.fields.map((f: { field: string }) => f.field)).toContain(field);
    };
    await bad({ contentType: 'text/html' }, 'contentType');
    await bad({ dataBase64: 'not base64!' }, 'dataBase64');
    await bad({ dataBase64: Buffer.alloc(4 * 1024 * 1024 + 1).toString('base64') }, 'dataBase64');
    await bad({ filename: '' }, 'filename');
    await bad({ filename: 'a\u0000b.pdf' }, 'filename');
    // Bytes that are not what the declared type says: an HTML page called a PDF, a PDF called a PNG.
    await bad(
      { dataBase64: Buffer.from('<html><script>alert(1)</script>').toString('base64') },
      'dataBase64',
    );
    await bad({ contentType: 'image/png' }, 'dataBase64');
    // Exactly 4 MB is allowed.
    const big = await w.ok('POST', `/payments/${p.id}/invoices`, {
      filename: 'big.png',
      contentType: 'image/png',
      // A PNG's 8 magic bytes, then filler: the type is checked by the bytes, not the name.
      dataBase64: Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        Buffer.alloc(4 * 1024 * 1024 - 8, 7),
      ]).toString('base64'),
    });
    expect(big.sizeBytes).toBe(4 * 1024 * 1024);

    // An analyst reads and downloads, but may not upload or delete.
    const analyst = await t.signUp('Ivy Invoice Analyst');
    await joinWorkspace(t, owner, w.ws, analyst, 'analyst');
    const as = (method: 'GET' | 'POST' | 'DELETE', path: string, payload?: object) =>
      t.call(analyst, { method, url: `/api/v1/workspaces/${w.ws}${path}`, ...(payload ? { payload } : {}) });
    expect((await as('GET', `/payments/${p.id}/invoices`)).json().invoices).toHaveLength(2);
    expect((await as('GET', `/payments/${p.id}/invoices/${inv.id}`)).statusCode).toBe(200);
    const up = await as('POST', `/payments/${p.id}/invoices`, {
      filename: 'x.pdf',
      contentType: 'application/pdf',
      dataBase64: 'JVBERg==',
    });
    expect(up.statusCode).toBe(403);
    expect((await as('DELETE', `/payments/${p.id}/invoices/${inv.id}`)).statusCode).toBe(403);

    // Another workspace's ids are not found.
    const other = await workspace('Other Invoice Co');
    expect((await other.call('GET', `/payments/${p.id}/invoices`)).statusCode).toBe(404);
    expect((await other.call('GET', `/payments/${p.id}/invoices/${inv.id}`)).statusCode).toBe(404);
    expect((await other.call('DELETE', `/payments/${p.id}/invoices/${inv.id}`)).statusCode).toBe(404);

    await w.ok('DELETE', `/payments/${p.id}/invoices/${inv.id}`);
    expect((await w.call('GET', `/payments/${p.id}/invoices/${inv.id}`)).statusCode).toBe(404);
    expect(
      (await w.ok('GET', `/payments/${p.id}/invoices`)).invoices.map((i: { id: string }) => i.id),
    ).toEqual([big.id]);
    const audit = await t.database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.workspaceId, w.ws));
    const actions = audit.map((a) => a.action);
    expect(actions).toContain('payment.invoice_uploaded');
    expect(actions).toContain('payment.invoice_deleted');
  });
});
