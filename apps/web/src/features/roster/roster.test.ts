import type { Creator, TimelineEntry } from '@evergreen/contracts';
import { describe, expect, it } from 'vitest';
import { formatDay } from '../../shared/i18n/format.ts';
import { plain, testTranslations } from '../../shared/testing/i18n.ts';
import { nudgeKey } from '../today/nudges.ts';
import { followersSeries, percentInput } from './audience.ts';
import {
  changedFields,
  creatorFieldAliases,
  creatorToValues,
  emptyCreatorValues,
  validateCreator,
  valuesToCreate,
  valuesToFields,
} from './creatorForm.ts';
import { csvProblemText, problemsFromIssues } from './csvText.ts';
import {
  defaultFilters,
  filtersFromSearch,
  filtersToApiQuery,
  filtersToSearch,
  hasActiveFilters,
  nextSort,
} from './filters.ts';
import { handleHref, handleLabel } from './handles.ts';
import { targetGap, targetRangeText } from './tierHealth.ts';
import { timelineText } from './timelineText.ts';

const { tEn, tRu } = testTranslations();
const OWNER = '0b8f1a7e-4c1d-4a51-9f0e-2f3c4d5e6f70';

describe('roster filters in the URL', () => {
  it('reads filters and drops what is malformed', () => {
    const f = filtersFromSearch(
      new URLSearchParams(
        `q=maya&tier=2,1,9,x&status=active,bogus&market=us,RU,USA&owner=me,none,not-a-uuid,${OWNER}&tag=skincare,,video&due=overdue&sort=next_check_in&dir=desc`,
      ),
    );
    expect(f).toEqual({
      q: 'maya',
      tier: [1, 2],
      status: ['active'],
      market: ['US', 'RU'],
      owner: ['me', 'none', OWNER],
      tag: ['skincare', 'video'],
      due: 'overdue',
      sort: 'next_check_in',
      dir: 'desc',
    });
    expect(filtersFromSearch(new URLSearchParams('due=later&sort=height&dir=up'))).toEqual(defaultFilters);
  });

  it('writes only what is not the default, and round-trips', () => {
    expect(filtersToSearch(defaultFilters).toString()).toBe('');
    const f = { ...defaultFilters, q: ' maya ', tier: [1, 3], tag: ['a b'], due: 'quiet' as const };
    const params = filtersToSearch(f);
    expect(params.toString()).toBe('q=maya&tier=1%2C3&tag=a+b&due=quiet');
    expect(filtersFromSearch(params)).toEqual({ ...f, q: 'maya' });
    expect(filtersToSearch({ ...defaultFilters, sort: 'name', dir: 'desc' }).toString()).toBe(
      'sort=name&dir=desc',
    );
  });

  it('builds the API query with comma-separated lists', () => {
    expect(
      filtersToApiQuery({ ...defaultFilters, tier: [1, 2], owner: ['me', 'none'], market: ['US'], q: '  ' }),
    ).toEqual({ sort: 'name', dir: 'asc', tier: '1,2', owner: 'me,none', market: 'US' });
  });

  it('knows when the list is narrowed and how headers sort', () => {
    expect(hasActiveFilters(defaultFilters)).toBe(false);
    expect(hasActiveFilters({ ...defaultFilters, sort: 'tier', dir: 'desc' })).toBe(false);
    expect(hasActiveFilters({ ...defaultFilters, due: 'due' })).toBe(true);
    expect(nextSort({ sort: 'name', dir: 'asc' }, 'name')).toEqual({ sort: 'name', dir: 'desc' });
    expect(nextSort({ sort: 'name', dir: 'desc' }, 'name')).toEqual({ sort: 'name', dir: 'asc' });
    expect(nextSort({ sort: 'name', dir: 'desc' }, 'tier')).toEqual({ sort: 'tier', dir: 'asc' });
  });
});

const creator: Creator = {
  id: '6d5134a9-49c4-44a7-9c59-7649a2b1653b',
  displayName: 'Maya Chen',
  greetingName: null,
  greetingNameDefault: 'Maya',
  email: 'maya@chenglow.example',
  tier: 1,
  status: 'active',
  ownerUserId: OWNER,
  ownerName: 'Demo Manager',
  markets: ['US'],
  languages: ['en'],
  tags: ['skincare'],
  handles: [{ platform: 'instagram', handle: 'mayaglows', url: null }],
  checkIn: {
    cadenceDays: 30,
    lastTouchpointOn: '2026-10-26',
    nextCheckInOn: '2026-11-25',
    goneQuiet: false,
    snoozedUntil: null,
  },
  legalName: null,
  externalId: null,
  briefingStyle: 'Loose brief',
  leadTimeDays: 14,
  boundaries: null,
  preferredChannel: 'email',
  notes: null,
  cadenceDaysOverride: null,
  rates: [
    { deliverableType: 'reel', amountMinor: 350050, currency: 'USD' },
    { deliverableType: 'story', amountMinor: 9000000, currency: 'RUB' },
    { deliverableType: 'post', amountMinor: 150000, currency: 'JPY' },
  ],
  paymentDetails: { present: true, mask: '•••• 3000' },
  createdAt: '2025-11-21T09:00:00.000Z',
  updatedAt: '2026-10-26T09:00:00.000Z',
};

describe('the creator form', () => {
  it('shows rates in major units and sends them back as the same minor units', () => {
    const values = creatorToValues(creator, 'ru');
    expect(values.rates.map((r) => r.amount)).toEqual(['3500,50', '90000', '150000']);
    expect(valuesToFields(values, 'ru').rates).toEqual(creator.rates);
    const enValues = creatorToValues(creator, 'en');
    expect(enValues.rates.map((r) => r.amount)).toEqual(['3500.50', '90000', '150000']);
    expect(valuesToFields(enValues, 'en').rates).toEqual(creator.rates);
  });

  it('sends only what changed, compared after conversion', () => {
    const initial = creatorToValues(creator, 'en');
    expect(changedFields(initial, initial, 'en')).toEqual({});
    const edited = {
      ...initial,
      email: '  maya@chenglow.example ',
      legalName: 'Maya L. Chen ',
      rates: [
        { ...initial.rates[0]!, amount: '3,500.5' },
        initial.rates[1]!,
        { ...initial.rates[2]!, amount: '1500' },
      ],
      handles: [{ platform: 'instagram' as const, handle: '@mayaglows', url: '' }],
      cadenceDaysOverride: 21,
    };
    expect(changedFields(edited, initial, 'en')).toEqual({
      legalName: 'Maya L. Chen',
      cadenceDaysOverride: 21,
      rates: [
        { deliverableType: 'reel', amountMinor: 350050, currency: 'USD' },
        { deliverableType: 'story', amountMinor: 9000000, currency: 'RUB' },
        { deliverableType: 'post', amountMinor: 1500, currency: 'JPY' },
      ],
    });
    expect(changedFields({ ...initial, ownerUserId: null, notes: '  ' }, initial, 'en')).toEqual({
      ownerUserId: null,
    });
  });

  it('builds the create request from the fields the create form shows', () => {
    const values = {
      ...emptyCreatorValues({ ownerUserId: OWNER }),
      displayName: ' Nova ',
      email: '',
      tier: '2',
      markets: ['US', 'RU'],
      languages: ['en', 'ru'],
      handles: [{ platform: 'tiktok' as const, handle: '@nova', url: 'https://www.tiktok.com/@nova' }],
      leadTimeDays: 7,
    };
    expect(valuesToCreate(values, 'en')).toEqual({
      displayName: 'Nova',
      email: null,
      tier: 2,
      status: 'prospect',
      ownerUserId: OWNER,
      markets: ['US', 'RU'],
      languages: ['en', 'ru'],
      tags: [],
      handles: [{ platform: 'tiktok', handle: 'nova', url: 'https://www.tiktok.com/@nova' }],
      preferredChannel: null,
      leadTimeDays: 7,
      cadenceDaysOverride: null,
    });
  });

  it('checks fields in the interface language before sending', () => {
    const values = {
      ...emptyCreatorValues(),
      email: 'not-an-email',
      markets: ['USA'],
      handles: [
        { platform: 'instagram' as const, handle: '@', url: '' },
        { platform: 'instagram' as const, handle: 'ok', url: 'instagram.com/ok' },
      ],
      rates: [
        { deliverableType: 'reel', amount: '12.345', currency: 'USD' },
        { deliverableType: '', amount: '1,2', currency: 'USD' },
        { deliverableType: 'post', amount: '5', currency: 'usd' },
      ],
      cadenceDaysOverride: 0,
    };
    expect(validateCreator(values, tEn(), 'en', 'edit')).toEqual({
      displayName: 'Required',
      email: 'Enter a valid email address',
      markets: 'Use two-letter country codes, such as US or RU',
      cadenceDaysOverride: 'From 1 to 3650 days',
      'handles.0.handle': 'Required',
      'handles.1.platform': 'This platform is listed twice',
      'handles.1.url': 'Enter a full link starting with https://',
      'rates.0.amount': 'At most 2 digits after the decimal point',
      'rates.1.deliverableType': 'Required',
      'rates.1.amount': 'Enter an amount such as 1,500 or 1,500.50',
      'rates.2.currency': 'Choose a currency',
    });
    expect(
      validateCreator({ ...values, rates: [values.rates[0]!] }, tRu(), 'ru', 'edit')['rates.0.amount'],
    ).toBe('Не больше 2 знаков после запятой');
    expect(validateCreator(creatorToValues(creator, 'en'), tEn(), 'en', 'edit')).toEqual({});
  });

  it('maps the API amount field to the typed one', () => {
    expect(creatorFieldAliases(creatorToValues(creator, 'en'))).toEqual({
      'rates.0.amountMinor': 'rates.0.amount',
      'rates.1.amountMinor': 'rates.1.amount',
      'rates.2.amountMinor': 'rates.2.amount',
    });
  });
});

describe('timeline entries', () => {
  const entry = (
    type: string,
    data: Record<string, unknown>,
    extra: Partial<TimelineEntry> = {},
  ): TimelineEntry => ({
    type,
    at: '2026-11-21T10:00:00.000Z',
    on: null,
    byName: 'Demo Manager',
    reason: null,
    data,
    ...extra,
  });
  const ctx = (t: ReturnType<typeof tEn>, lng: string) => ({
    t,
    memberName: (id: string) => (id === OWNER ? 'Demo Manager' : null),
    day: (d: string) => formatDay(d, lng),
  });

  it('words every known type in English and Russian', () => {
    const en = ctx(tEn(), 'en');
    const ru = ctx(tRu(), 'ru');
    const tp = entry('touchpoint', { kind: 'shared_results', channel: 'dm', summary: 'Sent numbers' });
    expect(timelineText(tp, en)).toEqual({
      title: 'Shared results · Direct message',
      detail: 'Sent numbers',
    });
    expect(timelineText(tp, ru)).toEqual({
      title: 'Поделились результатами · Личные сообщения',
      detail: 'Sent numbers',
    });
    expect(timelineText(entry('created', { tier: 2, status: 'prospect' }), en)).toEqual({
      title: 'Added to the roster',
      detail: 'Tier 2 · Prospect',
    });
    expect(timelineText(entry('tier_changed', { from: 2, to: 1 }), en).title).toBe(
      'Moved from Tier 2 to Tier 1',
    );
    expect(timelineText(entry('tier_changed', { from: 2, to: 1 }), ru).title).toBe(
      'Переведён: Уровень 2 → Уровень 1',
    );
    expect(timelineText(entry('status_changed', { from: 'active', to: 'paused' }), ru).title).toBe(
      'Статус: Активный → На паузе',
    );
    expect(timelineText(entry('owner_changed', { from: null, to: OWNER }), en).title).toBe(
      'Owner: No owner → Demo Manager',
    );
    expect(
      timelineText(entry('owner_changed', { from: OWNER, to: '11111111-1111-4111-8111-111111111111' }), en)
        .title,
    ).toBe('Owner: Demo Manager → Former member');
    expect(timelineText(entry('snoozed', { until: '2026-12-01' }), en).title).toBe(
      'Snoozed until Dec 1, 2026',
    );
    expect(plain(timelineText(entry('snoozed', { until: '2026-12-01' }), ru).title)).toBe(
      'Отложено до 1 дек. 2026 г.',
    );
    expect(timelineText(entry('imported', {}), ru).title).toBe('Импортирован из CSV-файла');
    expect(timelineText(entry('payment_scheduled', {}), en).title).toBe('Event: payment scheduled');
    expect(timelineText(entry('payment_scheduled', {}), ru).title).toBe('Событие: payment scheduled');
  });

  it('words agreement and brief events with their facts', () => {
    const en = ctx(tEn(), 'en');
    const ru = ctx(tRu(), 'ru');
    const title = 'Annual partnership with Mia';
    expect(timelineText(entry('agreement_created', { title, type: 'annual' }), en)).toEqual({
      title: 'Agreement drafted',
      detail: 'Annual partnership with Mia · Annual',
    });
    expect(timelineText(entry('agreement_created', { title, type: 'annual' }), ru)).toEqual({
      title: 'Создан черновик соглашения',
      detail: 'Annual partnership with Mia · Годовое',
    });
    expect(
      timelineText(entry('agreement_accepted', { title, acceptedName: 'Mia Chen', onBehalf: true }), ru),
    ).toEqual({
      title: 'Соглашение принято',
      detail:
        'Annual partnership with Mia · Принято с подписью «Mia Chen»; имя ввёл менеджер от имени автора',
    });
    const notice = entry('agreement_notice', {
      title,
      by: 'creator',
      givenOn: '2026-11-20',
      effectiveEndOn: '2026-12-20',
    });
    expect(timelineText(notice, en)).toEqual({
      title: 'The creator gave notice',
      detail: 'Annual partnership with Mia · Notice given on Nov 20, 2026 · In force through Dec 20, 2026',
    });
    const noticeRu = timelineText(notice, ru);
    expect(noticeRu.title).toBe('Автор направил уведомление о расторжении');
    expect(plain(noticeRu.detail ?? '')).toBe(
      'Annual partnership with Mia · Уведомление от 20 нояб. 2026 г. · Действует по 20 дек. 2026 г. включительно',
    );
    expect(timelineText(entry('agreement_ended', { title, endedOn: '2026-12-20' }), en).detail).toBe(
      'Annual partnership with Mia · Last day: Dec 20, 2026',
    );
    expect(timelineText(entry('agreement_month_six', { title, decision: 'move_on' }), ru).title).toBe(
      'Решение на 6-м месяце: завершить',
    );
    const renewed = entry('agreement_renewed', {
      title,
      termNumber: 2,
      startsOn: '2027-01-01',
      how: 'automatic',
    });
    expect(timelineText(renewed, en)).toEqual({
      title: 'Renewed into term 2',
      detail: 'Annual partnership with Mia · Renewed automatically · Next term starts Jan 1, 2027',
    });
    expect(plain(timelineText(renewed, ru).detail ?? '')).toBe(
      'Annual partnership with Mia · Продлено автоматически · Новый срок начинается 1 янв. 2027 г.',
    );

    const brief = { campaignName: 'SPF 50 launch' };
    expect(timelineText(entry('brief_created', { ...brief, title: 'Summer reel', version: 1 }), en)).toEqual({
      title: 'Brief drafted',
      detail: 'Summer reel · Campaign “SPF 50 launch” · Version 1',
    });
    expect(timelineText(entry('brief_accepted', { ...brief, version: 2, acceptedName: 'Mia' }), ru)).toEqual({
      title: 'Бриф принят',
      detail: 'Кампания «SPF 50 launch» · Версия 2 · Принят с подписью «Mia»',
    });
    expect(
      timelineText(entry('brief_change_requested', { ...brief, version: 3, acceptedVersion: 2 }), en),
    ).toEqual({
      title: 'Change to the brief requested',
      detail: 'Campaign “SPF 50 launch” · Version 3 proposed · In force: version 2',
    });
    expect(timelineText(entry('brief_change_declined', { ...brief, version: 3, inForce: 2 }), ru)).toEqual({
      title: 'Изменение брифа отклонено',
      detail: 'Кампания «SPF 50 launch» · Версия 3 · Действует версия 2',
    });
    expect(timelineText(entry('brief_sent', {}), en)).toEqual({ title: 'Brief sent', detail: null });
    expect(
      timelineText(entry('imported', { action: 'updated', row: 4, changes: ['email', 'tier'] }), ru),
    ).toEqual({ title: 'Обновлён из CSV-файла', detail: 'Строка 4 · Изменено: email, tier' });
    expect(
      timelineText(entry('imported', { action: 'created', row: 2, tier: 3, status: 'prospect' }), en),
    ).toEqual({ title: 'Imported from a CSV file', detail: 'Row 2 · Tier 3 · Prospect' });
  });
});

describe('small roster helpers', () => {
  it('links handles to profiles, and only to http(s) links', () => {
    expect(handleHref({ platform: 'instagram', handle: '@maya.glows' })).toBe(
      'https://www.instagram.com/maya.glows/',
    );
    expect(handleHref({ platform: 'tiktok', handle: 'maya' })).toBe('https://www.tiktok.com/@maya');
    expect(handleHref({ platform: 'youtube', handle: 'maya' })).toBe('https://www.youtube.com/@maya');
    expect(handleHref({ platform: 'telegram', handle: 'maya' })).toBe('https://t.me/maya');
    expect(handleHref({ platform: 'vk', handle: 'maya' })).toBe('https://vk.com/maya');
    expect(handleHref({ platform: 'other', handle: 'maya' })).toBeNull();
    expect(handleHref({ platform: 'other', handle: 'x', url: 'https://maya.example' })).toBe(
      'https://maya.example',
    );
    expect(handleHref({ platform: 'vk', handle: 'x', url: 'javascript:alert(1)' })).toBe('https://vk.com/x');
    expect(handleHref({ platform: 'tiktok', handle: 'a/b?c' })).toBe('https://www.tiktok.com/@a%2Fb%3Fc');
    expect(handleLabel({ platform: 'instagram', handle: '@maya' })).toBe('@maya');
    expect(handleLabel({ platform: 'other', handle: 'maya.example' })).toBe('maya.example');
  });

  it('says a tier target and how far off it is', () => {
    expect(targetRangeText(5, 8)).toBe('5–8');
    expect(targetRangeText(5, 5)).toBe('5');
    expect(targetRangeText(15, null)).toBe('15+');
    expect(targetRangeText(null, 8)).toBe('0–8');
    expect(targetRangeText(null, null)).toBeNull();
    expect(targetGap({ count: 14, targetMin: 15, targetMax: 20, health: 'under' })).toBe(1);
    expect(targetGap({ count: 11, targetMin: 5, targetMax: 8, health: 'over' })).toBe(3);
    expect(targetGap({ count: 6, targetMin: 5, targetMax: 8, health: 'ok' })).toBe(0);
  });

  it('charts followers per platform and day', () => {
    const { rows, platforms } = followersSeries([
      { capturedOn: '2026-01-01', platform: 'instagram', followers: 1000 },
      { capturedOn: '2026-02-01', platform: 'instagram', followers: 1200 },
      { capturedOn: '2026-01-15', platform: 'tiktok', followers: 500 },
      { capturedOn: '2026-02-01', platform: 'instagram', followers: 1250 },
    ]);
    expect(platforms).toEqual(['instagram', 'tiktok']);
    expect(rows).toEqual([
      { date: '2026-01-01', instagram: 1000, tiktok: null },
      { date: '2026-01-15', instagram: null, tiktok: 500 },
      { date: '2026-02-01', instagram: 1250, tiktok: null },
    ]);
  });

  it('reads percentages exactly', () => {
    expect(percentInput('')).toBeNull();
    expect(percentInput('4,1')).toBe('4.1');
    expect(percentInput('100')).toBe('100');
    expect(percentInput('100.01')).toBeUndefined();
    expect(percentInput('4.123')).toBeUndefined();
  });

  // Counting days in UTC as the server does: packages/rules/src/days.test.ts.
  it('formats days in the interface language', () => {
    expect(formatDay('2026-11-21', 'en')).toBe('Nov 21, 2026');
    expect(plain(formatDay('2026-11-21', 'ru', 'long'))).toBe('21 ноября 2026 г.');
  });

  it('words unknown nudges plainly', () => {
    expect(nudgeKey('share_win')).toBe('share_win');
    expect(nudgeKey('early_access')).toBe('other');
  });
});

describe('CSV problems', () => {
  it('reads row and column from refused-file issues and words them by code', () => {
    const problems = problemsFromIssues([
      { field: 'rows.5.tier', code: 'invalid_tier', params: { row: 5, column: 'tier' } },
      { field: 'rows.3', code: 'malformed_csv', params: { row: 3 } },
      { field: 'rows.1.iban', code: 'unknown_column' },
      { field: 'csv', code: 'empty' },
      { field: 'rows.7.owner_email', code: 'brand_new_code' },
    ]);
    expect(problems).toEqual([
      { row: 5, column: 'tier', code: 'invalid_tier' },
      { row: 3, column: null, code: 'malformed_csv' },
      { row: 1, column: 'iban', code: 'unknown_column' },
      { row: null, column: null, code: 'empty' },
      { row: 7, column: 'owner_email', code: 'brand_new_code' },
    ]);
    expect(problems.map((p) => csvProblemText(p, tEn()))).toEqual([
      'Row 5, column tier: Use 1, 2 or 3',
      'Row 3: A quote is never closed',
      'Row 1, column iban: Unknown column (payment details are never imported from CSV)',
      'The file has no creators',
      'Row 7, column owner_email: Not one of the allowed values',
    ]);
    expect(csvProblemText({ row: 4, column: 'email', code: 'taken' }, tRu())).toBe(
      'Строка 4, столбец email: Уже указано у другого автора',
    );
  });
});
