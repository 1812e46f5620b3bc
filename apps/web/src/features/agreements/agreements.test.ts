import type { Agreement, RenewalDecision } from '@evergreen/contracts';
import { describe, expect, it } from 'vitest';
import { fieldIssueText } from '../../shared/api/fieldErrors.ts';
import { testTranslations } from '../../shared/testing/i18n.ts';
import {
  type AgreementFormValues,
  agreementFieldAliases,
  agreementToValues,
  emptyAgreementValues,
  validateAgreement,
  valuesToCreate,
  valuesToFields,
} from './agreementForm.ts';
// The date and review-bound rules the page shows are tested with the server's, in
// packages/rules/src/renewal.test.ts.
import {
  agreementActions,
  balanceColor,
  daysLeftColor,
  groupByMonth,
  nextDecision,
  shownStatus,
} from './rules.ts';

const { tEn, tRu } = testTranslations();

const dates: Agreement['dates'] = {
  termEndsOn: '2026-12-31',
  noticeDeadline: '2026-12-01',
  rateReviewOn: '2026-11-01',
  monthSixOn: '2026-07-01',
  effectiveEndOn: null,
  renewsOn: '2027-01-01',
};
const base = {
  status: 'active' as Agreement['status'],
  nextAgreementId: null as string | null,
  extendDecision: null as Agreement['extendDecision'],
  endedOn: null as string | null,
  autoRenew: true,
  type: 'annual' as Agreement['type'],
  scheduled: false,
  dates,
};

describe('lifecycle actions', () => {
  it('offers only what the status allows, to writers only', () => {
    expect(agreementActions({ ...base, status: 'draft' }, true)).toEqual(['edit', 'delete', 'send']);
    expect(agreementActions({ ...base, status: 'sent' }, true)).toEqual(['accept']);
    expect(agreementActions({ ...base, status: 'accepted' }, true)).toEqual(['activate', 'notice', 'extend']);
    expect(agreementActions(base, true)).toEqual(['renew', 'notice', 'end', 'extend']);
    expect(agreementActions({ ...base, status: 'notice_given' }, true)).toEqual(['end', 'extend']);
    expect(agreementActions({ ...base, status: 'ended' }, true)).toEqual([]);
    expect(agreementActions(base, false)).toEqual([]);
  });

  it('offers no Renew, End or Activate on a scheduled term, and badges it "scheduled"', () => {
    // A renewal made ahead of time: stored active (or accepted), its start still to come.
    expect(agreementActions({ ...base, scheduled: true }, true)).toEqual(['notice', 'extend']);
    expect(agreementActions({ ...base, status: 'accepted', scheduled: true }, true)).toEqual([
      'notice',
      'extend',
    ]);
    expect(shownStatus({ status: 'active', scheduled: true })).toBe('scheduled');
    expect(shownStatus({ status: 'active', scheduled: false })).toBe('active');
  });

  it('sends renewal and notice to the next term once renewed; decides month 6 once', () => {
    expect(agreementActions({ ...base, nextAgreementId: 'x' }, true)).toEqual(['end', 'extend']);
    expect(agreementActions({ ...base, extendDecision: 'extend' }, true)).toEqual(['renew', 'notice', 'end']);
    const later = { ...dates, monthSixOn: null };
    expect(agreementActions({ ...base, dates: later }, true)).toEqual(['renew', 'notice', 'end']);
  });
});

describe('the next date on an agreement row', () => {
  it('is the first open decision from today, else the last one missed', () => {
    expect(nextDecision(base, '2026-03-10')).toEqual({ kind: 'month_six', date: '2026-07-01' });
    expect(nextDecision({ ...base, extendDecision: 'extend' }, '2026-03-10')).toEqual({
      kind: 'rate_review',
      date: '2026-11-01',
    });
    expect(nextDecision(base, '2026-11-02')).toEqual({ kind: 'notice_deadline', date: '2026-12-01' });
    expect(nextDecision(base, '2027-01-05')).toEqual({ kind: 'term_end', date: '2026-12-31' });
    expect(nextDecision({ ...base, nextAgreementId: 'x', extendDecision: 'move_on' }, '2026-03-10')).toEqual({
      kind: 'term_end',
      date: '2026-12-31',
    });
  });

  it('is the effective end under notice, the end once ended, nothing before acceptance', () => {
    const notice = {
      ...base,
      status: 'notice_given' as const,
      dates: { ...dates, effectiveEndOn: '2026-12-20' },
    };
    expect(nextDecision(notice, '2026-11-20')).toEqual({ kind: 'effective_end', date: '2026-12-20' });
    expect(nextDecision({ ...base, status: 'ended', endedOn: '2026-10-01' }, '2026-11-20')).toEqual({
      kind: 'ended',
      date: '2026-10-01',
    });
    expect(nextDecision({ ...base, status: 'draft' }, '2026-11-20')).toBeNull();
    expect(nextDecision({ ...base, status: 'sent' }, '2026-11-20')).toBeNull();
  });

  it('skips review and notice dates for a project that does not auto-renew', () => {
    const project = {
      ...base,
      type: 'project' as const,
      autoRenew: false,
      dates: { ...dates, monthSixOn: null },
    };
    expect(nextDecision(project, '2026-03-10')).toEqual({ kind: 'term_end', date: '2026-12-31' });
  });
});

describe('pipeline helpers', () => {
  const item = (date: string, kind: RenewalDecision['kind']) => ({ date, kind }) as RenewalDecision;
  it('groups decisions by calendar month in order', () => {
    const groups = groupByMonth([
      item('2026-11-01', 'rate_review'),
      item('2026-11-30', 'term_end'),
      item('2026-12-01', 'notice_deadline'),
    ]);
    expect(groups.map((g) => [g.month, g.items.length])).toEqual([
      ['2026-11', 2],
      ['2026-12', 1],
    ]);
    expect(groupByMonth([])).toEqual([]);
  });

  it('colours days left and ledger balances', () => {
    expect(daysLeftColor(-1)).toBe('red');
    expect(daysLeftColor(0)).toBe('orange');
    expect(daysLeftColor(14)).toBe('orange');
    expect(daysLeftColor(15)).toBeUndefined();
    expect(balanceColor(3)).toBe('orange');
    expect(balanceColor(-1)).toBe('teal');
    expect(balanceColor(0)).toBeUndefined();
  });
});

const retainer = (): AgreementFormValues => ({
  ...emptyAgreementValues({ startsOn: '2026-07-01', currency: 'USD', language: 'en' }),
  type: 'retainer',
  deliverablesPerMonth: 4,
  monthlyFee: '3,500.50',
  collaborationsPerYear: 12,
  fee: '100',
  rates: [{ deliverableType: 'reel', amount: '0.29' }],
  inclusions: [
    { item: 'sponsored_post', quantity: 2 },
    { item: ' planning_meeting ', quantity: '1' },
  ],
});

describe('the agreement form', () => {
  it('sends exact minor units and nulls the fields of other types', () => {
    const f = valuesToFields(retainer(), 'en');
    expect(f.monthlyFeeMinor).toBe(350050);
    expect(f.feeMinor).toBeNull();
    expect(f.collaborationsPerYear).toBeNull();
    expect(f.deliverablesPerMonth).toBe(4);
    expect(f.rates).toEqual([{ deliverableType: 'reel', amountMinor: 29 }]);
    expect(f.inclusions).toEqual([
      { item: 'sponsored_post', quantity: 2 },
      { item: 'planning_meeting', quantity: 1 },
    ]);
    expect(f.noticeDays).toBe(30);
    expect(f.reviewMaxAdjustPct).toBe('10');
    expect(f.renewalTermMonths).toBeNull();
    expect(f.notes).toBeNull();
  });

  it('reads Russian amounts and whole-unit currencies', () => {
    const ru = valuesToFields({ ...retainer(), currency: 'RUB', monthlyFee: '250 000,00' }, 'ru');
    expect(ru.monthlyFeeMinor).toBe(25_000_000);
    const yen = valuesToFields({ ...retainer(), type: 'project', currency: 'JPY', fee: '150,000' }, 'en');
    expect(yen.feeMinor).toBe(150000);
    expect(yen.inclusions).toEqual([]);
    expect(yen.monthlyFeeMinor).toBeNull();
  });

  it('creates with the typed title or the default one', () => {
    const values = { ...retainer(), title: '  ' };
    expect(valuesToCreate(values, 'c1', 'en', 'Retainer with Maya').title).toBe('Retainer with Maya');
    expect(valuesToCreate({ ...values, title: ' Q3 ' }, 'c1', 'en', 'x')).toMatchObject({
      creatorId: 'c1',
      title: 'Q3',
      type: 'retainer',
    });
  });

  it('checks what applies to the type, in the interface language', () => {
    const errors = validateAgreement(
      {
        ...retainer(),
        monthlyFee: '',
        termMonths: 0,
        reviewMaxAdjustPct: '7,5',
        rates: [
          { deliverableType: 'reel', amount: '1.001' },
          { deliverableType: 'reel', amount: '2' },
        ],
        inclusions: [{ item: '', quantity: 0 }],
      },
      tEn(),
      'en',
    );
    expect(errors).toEqual({
      termMonths: 'Enter a whole number from 1 to 120',
      reviewMaxAdjustPct: 'Enter a percentage such as 10 or 7.5',
      monthlyFee: 'Required',
      'rates.0.amount': expect.any(String),
      'rates.1.deliverableType': 'This deliverable type is already listed',
      'inclusions.0.item': 'Required',
      'inclusions.0.quantity': 'Enter a whole number from 1 to 120'.replace('120', '1000'),
    });
    // A project needs its fee; the retainer's fields are not checked.
    const project = validateAgreement(
      { ...retainer(), type: 'project', fee: '', inclusions: [] },
      tRu(),
      'ru',
    );
    expect(project).toEqual({ fee: 'Обязательное поле' });
    expect(validateAgreement(retainer(), tEn(), 'en')).toEqual({});
  });

  it('maps minor-unit field paths back to the inputs', () => {
    expect(agreementFieldAliases(retainer())).toEqual({
      feeMinor: 'fee',
      monthlyFeeMinor: 'monthlyFee',
      'rates.0.amountMinor': 'rates.0.amount',
    });
  });

  it('puts a draft back into the form', () => {
    const a = {
      type: 'annual',
      title: 'Annual partnership with Maya',
      startsOn: '2026-01-01',
      termMonths: 12,
      collaborationsPerYear: 12,
      deliverablesPerMonth: null,
      monthlyFeeMinor: null,
      feeMinor: null,
      currency: 'RUB',
      rates: [{ deliverableType: 'reel', amountMinor: 25_000_050 }],
      inclusions: [],
      usagePeriodDays: 90,
      paidUsage: true,
      whitelisting: false,
      exclusivityCategory: null,
      exclusivityDays: null,
      paymentTermsDays: 30,
      autoRenew: true,
      renewalTermMonths: null,
      noticeDays: 30,
      reviewMaxAdjustPct: '7.5',
      language: 'ru',
      notes: null,
    } as unknown as Agreement;
    const values = agreementToValues(a, 'ru');
    expect(values.rates).toEqual([{ deliverableType: 'reel', amount: '250000,50' }]);
    expect(values.collaborationsPerYear).toBe(12);
    expect(values.deliverablesPerMonth).toBe('');
    expect(values.exclusivityCategory).toBe('');
    expect(values.language).toBe('ru');
    expect(valuesToFields(values, 'ru').rates).toEqual([
      { deliverableType: 'reel', amountMinor: 25_000_050 },
    ]);
  });
});

describe('agreement field issues from the API', () => {
  it('words the agreement codes in both languages', () => {
    expect(fieldIssueText({ code: 'name_mismatch' }, tEn(), 'en')).toBe(
      "This is not the creator's name: type their display name or legal name",
    );
    expect(fieldIssueText({ code: 'name_mismatch' }, tRu(), 'ru')).toBe(
      'Это не имя автора: введите его отображаемое или юридическое имя',
    );
    expect(
      fieldIssueText({ code: 'out_of_review_bound', params: { minimum: 11, maximum: 13 } }, tEn(), 'en'),
    ).toBe('Outside the review bound: must be between 11 and 13');
    expect(fieldIssueText({ code: 'not_in_agreement' }, tRu(), 'ru')).toBe(
      'Этого нет в соглашении: для новой ставки нужно новое соглашение',
    );
    expect(fieldIssueText({ code: 'out_of_review_bound' }, tEn(), 'en')).toBe('Invalid value');
  });
});
