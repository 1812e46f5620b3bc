import type { RotationReason, Suggestion } from '@evergreen/contracts';
import { describe, expect, it } from 'vitest';
import { plain, testTranslations } from '../../shared/testing/i18n.ts';
import { emptyBriefValues, validateBrief, valuesToCreateBrief, valuesToEditBrief } from './briefForm.ts';
import {
  campaignToValues,
  changedCampaignFields,
  emptyCampaignValues,
  formatDecimal,
  validateCampaign,
  valuesToCampaign,
} from './campaignForm.ts';
import { diffRows, diffStats } from './diffRows.ts';
import { campaignFiltersFromSearch, campaignFiltersToSearch, filtersToApiQuery } from './filters.ts';
import { reasonText, signedPoints } from './reasons.ts';
import { assignLanes, barPosition, defaultRange, monthTicks } from './timeline.ts';

const { tEn, tRu } = testTranslations();

describe('diffRows', () => {
  it('numbers lines in the base and the new version', () => {
    const rows = diffRows([
      { op: 'same', text: 'a' },
      { op: 'remove', text: 'b' },
      { op: 'add', text: 'B' },
      { op: 'same', text: 'c' },
    ]);
    expect(rows).toEqual([
      { kind: 'line', op: 'same', text: 'a', oldNo: 1, newNo: 1 },
      { kind: 'line', op: 'remove', text: 'b', oldNo: 2, newNo: null },
      { kind: 'line', op: 'add', text: 'B', oldNo: null, newNo: 2 },
      { kind: 'line', op: 'same', text: 'c', oldNo: 3, newNo: 3 },
    ]);
  });

  it('folds unchanged stretches longer than the context, and shows a lone line instead of folding it', () => {
    const same = (n: number) => Array.from({ length: n }, (_, i) => ({ op: 'same' as const, text: `s${i}` }));
    const lines = [...same(6), { op: 'add' as const, text: 'new' }, ...same(5)];
    const rows = diffRows(lines, 2);
    expect(rows.map((r) => (r.kind === 'skip' ? `skip${r.count}` : `${r.op}:${r.text}`))).toEqual([
      'skip4',
      'same:s4',
      'same:s5',
      'add:new',
      'same:s0',
      'same:s1',
      'skip3',
    ]);
    const lone = diffRows([...same(3), { op: 'remove', text: 'x' }], 2);
    expect(lone.map((r) => (r.kind === 'skip' ? `skip${r.count}` : `${r.oldNo}`))).toEqual([
      '1',
      '2',
      '3',
      '4',
    ]);
  });

  it('counts added and removed lines', () => {
    expect(
      diffStats([
        { op: 'add', text: '' },
        { op: 'add', text: 'x' },
        { op: 'remove', text: 'y' },
        { op: 'same', text: 'z' },
      ]),
    ).toEqual({ added: 2, removed: 1 });
  });
});

describe('day-scale bars', () => {
  it('places a window on an inclusive day scale', () => {
    // 10 days: 2025-05-01 … 2025-05-10.
    expect(barPosition('2025-05-03', '2025-05-04', '2025-05-01', '2025-05-10')).toEqual({
      leftPct: 20,
      widthPct: 20,
      clippedStart: false,
      clippedEnd: false,
    });
    expect(barPosition('2025-05-10', '2025-05-10', '2025-05-01', '2025-05-10')).toEqual({
      leftPct: 90,
      widthPct: 10,
      clippedStart: false,
      clippedEnd: false,
    });
  });

  it('clips windows running past the range, and leaves out windows outside it', () => {
    expect(barPosition('2025-04-20', '2025-05-20', '2025-05-01', '2025-05-10')).toEqual({
      leftPct: 0,
      widthPct: 100,
      clippedStart: true,
      clippedEnd: true,
    });
    expect(barPosition('2025-04-01', '2025-04-30', '2025-05-01', '2025-05-10')).toBeNull();
    expect(barPosition('2025-05-11', '2025-05-12', '2025-05-01', '2025-05-10')).toBeNull();
  });

  it('ticks the first of every month in range', () => {
    expect(monthTicks('2025-01-16', '2025-03-01')).toEqual([
      { day: '2025-02-01', leftPct: (16 / 45) * 100 },
      { day: '2025-03-01', leftPct: (44 / 45) * 100 },
    ]);
    expect(monthTicks('2024-12-01', '2025-01-05').map((t) => t.day)).toEqual(['2024-12-01', '2025-01-01']);
  });

  it('stacks windows that share days in separate lanes', () => {
    expect(
      assignLanes([
        { startsOn: '2025-05-01', endsOn: '2025-05-10' },
        { startsOn: '2025-05-05', endsOn: '2025-05-06' },
        { startsOn: '2025-05-10', endsOn: '2025-05-12' },
        { startsOn: '2025-05-11', endsOn: '2025-05-11' },
      ]),
    ).toEqual([0, 1, 1, 0]);
  });

  it('defaults to 30 days back and 180 ahead', () => {
    expect(defaultRange('2025-03-01')).toEqual({ from: '2025-01-30', to: '2025-08-28' });
  });
});

describe('rotation reasons', () => {
  const s: Pick<Suggestion, 'tier' | 'status' | 'markets' | 'warnings'> = {
    tier: 2,
    status: 'active',
    markets: ['US', 'RU'],
    warnings: [],
  };
  const r = (factor: RotationReason['factor'], points: number, detail: string): RotationReason => ({
    factor,
    points,
    detail,
  });
  const campaign = { markets: ['US', 'DE'] };

  it('says each factor with its numbers, in English', () => {
    const t = tEn();
    expect(reasonText(r('market', 35, 'Works in US'), s, campaign, t, 'en')).toBe('works in US');
    expect(reasonText(r('market', 0, ''), { ...s, markets: ['FR'] }, campaign, t, 'en')).toBe(
      'no market in common (campaign: US, DE; creator: FR)',
    );
    expect(reasonText(r('tier', 10, 'Tier 2'), s, campaign, t, 'en')).toBe('Tier 2');
    expect(
      plain(
        reasonText(r('recency', 12, '87 days since their last campaign (2025-02-01)'), s, campaign, t, 'en'),
      ),
    ).toBe('87 days since the last one (Feb 1, 2025)');
    expect(reasonText(r('recency', 25, 'No campaign yet'), s, campaign, t, 'en')).toBe('never in a campaign');
    expect(reasonText(r('load', -20, '2 active briefs'), s, campaign, t, 'en')).toBe('2 active briefs');
    expect(reasonText(r('load', 0, 'No active briefs'), s, campaign, t, 'en')).toBe('no active briefs');
    expect(
      reasonText(
        r('availability', -50, 'A prospect; Notice given'),
        { ...s, status: 'prospect' },
        campaign,
        t,
        'en',
      ),
    ).toBe('a prospect, not yet a partner; notice given on their agreement');
    expect(reasonText(r('availability', 0, 'Active'), s, campaign, t, 'en')).toBe('available');
    expect(
      reasonText(
        r('lead_time', -15, "Starts in 10 days; they like 14 days' notice"),
        { ...s, warnings: [{ code: 'short_lead_time', leadTimeDays: 14, daysUntilStart: 10 }] },
        campaign,
        t,
        'en',
      ),
    ).toBe('starts in 10 days, less than the 14 days they like to prepare');
    expect(
      reasonText(r('lead_time', 0, "Starts in 30 days; they like 14 days' notice"), s, campaign, t, 'en'),
    ).toBe('starts in 30 days; they like 14 days to prepare');
  });

  it('and in Russian, with Russian plurals', () => {
    const t = tRu();
    expect(reasonText(r('load', -30, '5 active briefs'), s, campaign, t, 'ru')).toBe('5 активных брифов');
    expect(reasonText(r('load', -20, '2 active briefs'), s, campaign, t, 'ru')).toBe('2 активных брифа');
    expect(reasonText(r('tier', 10, 'Tier 2'), s, campaign, t, 'ru')).toBe('уровень 2');
    expect(
      reasonText(r('lead_time', 0, "Starts in 21 days; they like 21 days' notice"), s, campaign, t, 'ru'),
    ).toBe('старт через 21 день, автору нужно 21 день');
  });

  it('signs points with a real minus', () => {
    expect([signedPoints(35), signedPoints(0), signedPoints(-15)]).toEqual(['+35', '0', '\u221215']);
  });
});

describe('campaign form', () => {
  it('sends the budget in exact minor units and the target as an exact decimal', () => {
    const v = {
      ...emptyCampaignValues('USD'),
      name: ' Launch ',
      products: ['SPF 50 fluid', ' SPF 50 fluid', ''],
      markets: ['US'],
      startsOn: '2025-05-01',
      endsOn: '2025-05-31',
      targetValue: '12,5',
      budgetAmount: '20,000.29',
    };
    expect(valuesToCampaign(v, 'en')).toEqual({
      name: 'Launch',
      products: ['SPF 50 fluid'],
      markets: ['US'],
      startsOn: '2025-05-01',
      endsOn: '2025-05-31',
      status: 'planning',
      kind: 'regular',
      outcome: null,
      targetMetric: null,
      targetValue: '12.5',
      budget: { amountMinor: 2000029, currency: 'USD' },
    });
    expect(valuesToCampaign({ ...v, budgetAmount: '3 500,5', budgetCurrency: 'RUB' }, 'ru').budget).toEqual({
      amountMinor: 350050,
      currency: 'RUB',
    });
    expect(valuesToCampaign({ ...v, budgetAmount: '' }, 'en').budget).toBeNull();
  });

  it('checks dates, target and amount', () => {
    const t = tEn();
    const errors = validateCampaign(
      {
        ...emptyCampaignValues('JPY'),
        startsOn: '2025-05-10',
        endsOn: '2025-05-09',
        targetValue: '1.234',
        budgetAmount: '10.5',
      },
      t,
      'en',
    );
    expect(errors).toEqual({
      name: 'Required',
      endsOn: 'Must be on or after the start date',
      targetValue: 'A number with at most two decimals, e.g. 20 or 12.5',
      budgetAmount: 'At most 0 digits after the decimal point',
    });
  });

  it('sends only what changed', () => {
    const c = {
      id: 'c',
      name: 'Launch',
      products: ['A'],
      markets: ['US'],
      startsOn: '2025-05-01',
      endsOn: '2025-05-31',
      status: 'planning' as const,
      kind: 'regular' as const,
      outcome: null,
      targetMetric: null,
      targetValue: '20',
      budget: { amountMinor: 2000000, currency: 'USD' },
      briefCount: 0,
      acceptedCount: 0,
      createdAt: '2025-01-01T00:00:00.000Z',
      updatedAt: '2025-01-01T00:00:00.000Z',
    };
    const initial = campaignToValues(c, 'en', 'EUR');
    expect(initial.budgetAmount).toBe('20000');
    expect(changedCampaignFields({ ...initial, budgetAmount: '20000.00' }, initial, 'en')).toEqual({});
    expect(changedCampaignFields({ ...initial, status: 'cancelled' }, initial, 'en')).toEqual({
      status: 'cancelled',
    });
  });

  it('formats a target value without rounding', () => {
    expect(formatDecimal('22.5', 'en')).toBe('22.5');
    expect(formatDecimal('22.5', 'ru')).toBe('22,5');
  });
});

describe('brief form', () => {
  const base = {
    title: 'Reel',
    body: 'a\nb',
    dueOn: '2025-05-20',
    deliverables: [{ type: 'reel', platform: 'instagram' as const, quantity: 1, dueOn: '' }],
    changeNote: '',
  };

  it('creates with deliverables as the API takes them', () => {
    expect(valuesToCreateBrief(base, 'cr')).toEqual({
      creatorId: 'cr',
      title: 'Reel',
      body: 'a\nb',
      deliverables: [{ type: 'reel', platform: 'instagram', quantity: 1, dueOn: null }],
      dueOn: '2025-05-20',
    });
    expect(emptyBriefValues('Launch').title).toBe('Launch');
  });

  it('edits send only the changed fields, and a change request its note', () => {
    expect(valuesToEditBrief(base, base, false)).toBeNull();
    expect(valuesToEditBrief({ ...base, body: 'a\nc' }, base, false)).toEqual({ body: 'a\nc' });
    expect(valuesToEditBrief({ ...base, dueOn: '', changeNote: ' later ' }, base, true)).toEqual({
      dueOn: null,
      changeNote: 'later',
    });
  });

  it('a change request needs its note', () => {
    expect(validateBrief(base, tEn(), true)).toEqual({ changeNote: 'Say what changes and why' });
    expect(
      validateBrief(
        { ...base, deliverables: [{ type: '', platform: null, quantity: 0, dueOn: '' }] },
        tEn(),
        false,
      ),
    ).toEqual({ 'deliverables.0.type': 'Required', 'deliverables.0.quantity': 'From 1 to 1,000' });
  });
});

describe('campaign filters', () => {
  it('round-trip through the address bar and leave out what is empty', () => {
    const f = campaignFiltersFromSearch(
      new URLSearchParams('status=active,bogus&market=US&from=2025-01-01&to=x'),
    );
    expect(f).toEqual({ q: '', status: ['active'], market: ['US'], product: '', from: '2025-01-01', to: '' });
    expect(campaignFiltersToSearch(f).toString()).toBe('status=active&market=US&from=2025-01-01');
    expect(filtersToApiQuery(f)).toEqual({
      q: undefined,
      status: 'active',
      market: 'US',
      product: undefined,
      from: '2025-01-01',
      to: undefined,
    });
  });
});
