import type {
  Agreement,
  AgreementType,
  CreateAgreementRequest,
  UpdateAgreementRequest,
} from '@evergreen/contracts';
import { isDay, readPercentHundredths } from '@evergreen/rules';
import type { TFunction } from 'i18next';
import { currencyDigits, minorToInput, parseAmount } from '../../shared/money.ts';
import { CURRENCY_CODE } from '../../shared/regions.ts';

/** A new or draft agreement as the form holds it: strings where people type. */
export interface RateRow {
  deliverableType: string;
  /** Major units as typed: "3,500.50". */
  amount: string;
}
export interface InclusionRow {
  item: string;
  quantity: number | string;
}
export interface AgreementFormValues {
  type: AgreementType;
  title: string;
  startsOn: string;
  termMonths: number | string;
  collaborationsPerYear: number | string;
  deliverablesPerMonth: number | string;
  fee: string;
  monthlyFee: string;
  currency: string;
  rates: RateRow[];
  inclusions: InclusionRow[];
  usagePeriodDays: number | string;
  paidUsage: boolean;
  whitelisting: boolean;
  exclusivityCategory: string;
  exclusivityDays: number | string;
  paymentTermsDays: number | string;
  autoRenew: boolean;
  renewalTermMonths: number | string;
  noticeDays: number | string;
  reviewMaxAdjustPct: string;
  language: 'en' | 'ru';
  notes: string;
}

/** What each type commits to and pays with (docs/agreements.md, "Kinds and fields"). */
export const typeFields: Record<
  AgreementType,
  { collabs: boolean; perMonth: boolean; monthlyFee: boolean; fee: boolean; inclusions: boolean }
> = {
  annual: { collabs: true, perMonth: false, monthlyFee: false, fee: false, inclusions: false },
  retainer: { collabs: false, perMonth: true, monthlyFee: true, fee: false, inclusions: true },
  project: { collabs: false, perMonth: false, monthlyFee: false, fee: true, inclusions: false },
  one_off: { collabs: false, perMonth: false, monthlyFee: false, fee: true, inclusions: false },
};

/** A sensible first term per type; long partnerships renew on their own by default. */
export const typeDefaults: Record<AgreementType, { termMonths: number; autoRenew: boolean }> = {
  annual: { termMonths: 12, autoRenew: true },
  retainer: { termMonths: 12, autoRenew: true },
  project: { termMonths: 3, autoRenew: false },
  one_off: { termMonths: 1, autoRenew: false },
};

/** The usual monthly inclusions of a retainer; any other item can be typed. */
export const INCLUSION_SUGGESTIONS = [
  'sponsored_post',
  'planning_meeting',
  'early_product_access',
  'performance_report',
] as const;

export function emptyAgreementValues(defaults: {
  startsOn: string;
  currency: string;
  language: 'en' | 'ru';
  rates?: RateRow[];
}): AgreementFormValues {
  return {
    type: 'annual',
    title: '',
    startsOn: defaults.startsOn,
    termMonths: typeDefaults.annual.termMonths,
    collaborationsPerYear: '',
    deliverablesPerMonth: '',
    fee: '',
    monthlyFee: '',
    currency: defaults.currency,
    rates: defaults.rates ?? [],
    inclusions: [],
    usagePeriodDays: '',
    paidUsage: false,
    whitelisting: false,
    exclusivityCategory: '',
    exclusivityDays: '',
    paymentTermsDays: 30,
    autoRenew: typeDefaults.annual.autoRenew,
    renewalTermMonths: '',
    noticeDays: 30,
    reviewMaxAdjustPct: '10',
    language: defaults.language,
    notes: '',
  };
}

const moneyInput = (minor: number | null, currency: string, lng: string) =>
  minor === null ? '' : minorToInput(minor, currencyDigits(currency), lng);

/** A draft back into the form, to edit it. */
export function agreementToValues(a: Agreement, lng: string): AgreementFormValues {
  return {
    type: a.type,
    title: a.title,
    startsOn: a.startsOn,
    termMonths: a.termMonths,
    collaborationsPerYear: a.collaborationsPerYear ?? '',
    deliverablesPerMonth: a.deliverablesPerMonth ?? '',
    fee: moneyInput(a.feeMinor, a.currency, lng),
    monthlyFee: moneyInput(a.monthlyFeeMinor, a.currency, lng),
    currency: a.currency,
    rates: a.rates.map((r) => ({
      deliverableType: r.deliverableType,
      amount: moneyInput(r.amountMinor, a.currency, lng),
    })),
    inclusions: a.inclusions.map((i) => ({ item: i.item, quantity: i.quantity })),
    usagePeriodDays: a.usagePeriodDays ?? '',
    paidUsage: a.paidUsage,
    whitelisting: a.whitelisting,
    exclusivityCategory: a.exclusivityCategory ?? '',
    exclusivityDays: a.exclusivityDays ?? '',
    paymentTermsDays: a.paymentTermsDays,
    autoRenew: a.autoRenew,
    renewalTermMonths: a.renewalTermMonths ?? '',
    noticeDays: a.noticeDays,
    reviewMaxAdjustPct: a.reviewMaxAdjustPct,
    language: a.language === 'ru' ? 'ru' : 'en',
    notes: a.notes ?? '',
  };
}

export function intOrNull(value: number | string): number | null {
  if (value === '' || value === null || value === undefined) return null;
  const n = typeof value === 'number' ? value : Number(String(value).trim());
  return Number.isInteger(n) ? n : null;
}

const orNull = (value: string): string | null => (value.trim() ? value.trim() : null);

function amountOrNull(value: string, currency: string, lng: string): number | null {
  if (!value.trim()) return null;
  const parsed = parseAmount(value, currencyDigits(currency), lng);
  return parsed.ok ? parsed.minor : null;
}

/**
 * Every field as the API takes it: money in exact minor units, and the commitment and money
 * fields that do not apply to the type sent as null (so switching type leaves nothing behind).
 */
export function valuesToFields(values: AgreementFormValues, lng: string): Required<UpdateAgreementRequest> {
  const f = typeFields[values.type];
  const currency = values.currency;
  return {
    type: values.type,
    title: values.title.trim(),
    startsOn: values.startsOn,
    termMonths: intOrNull(values.termMonths) ?? 0,
    collaborationsPerYear: f.collabs ? intOrNull(values.collaborationsPerYear) : null,
    deliverablesPerMonth: f.perMonth ? intOrNull(values.deliverablesPerMonth) : null,
    monthlyFeeMinor: f.monthlyFee ? amountOrNull(values.monthlyFee, currency, lng) : null,
    feeMinor: f.fee ? amountOrNull(values.fee, currency, lng) : null,
    currency,
    rates: values.rates.map((r) => ({
      deliverableType: r.deliverableType.trim(),
      amountMinor: amountOrNull(r.amount, currency, lng) ?? 0,
    })),
    inclusions: f.inclusions
      ? values.inclusions.map((i) => ({ item: i.item.trim(), quantity: intOrNull(i.quantity) ?? 0 }))
      : [],
    usagePeriodDays: intOrNull(values.usagePeriodDays),
    paidUsage: values.paidUsage,
    whitelisting: values.whitelisting,
    exclusivityCategory: orNull(values.exclusivityCategory),
    exclusivityDays: intOrNull(values.exclusivityDays),
    paymentTermsDays: intOrNull(values.paymentTermsDays) ?? 30,
    autoRenew: values.autoRenew,
    renewalTermMonths: intOrNull(values.renewalTermMonths),
    noticeDays: intOrNull(values.noticeDays) ?? 30,
    reviewMaxAdjustPct: values.reviewMaxAdjustPct.trim(),
    language: values.language,
    // Notes keep their line breaks; only empty notes become null.
    notes: values.notes.trim() ? values.notes : null,
  };
}

/** The create request; an empty title becomes `defaultTitle` (in the document's language). */
export function valuesToCreate(
  values: AgreementFormValues,
  creatorId: string,
  lng: string,
  defaultTitle: string,
): CreateAgreementRequest {
  const { title, ...fields } = valuesToFields(values, lng);
  return { creatorId, ...fields, title: title || defaultTitle };
}

/** Client-side checks, worded in the interface language; the server checks again. */
export function validateAgreement(values: AgreementFormValues, t: TFunction, lng: string) {
  const errors: Record<string, string> = {};
  const f = typeFields[values.type];
  const int = (field: keyof AgreementFormValues, min: number, max: number, required = false) => {
    const raw = values[field];
    if (raw === '' || raw === null) {
      if (required) errors[field] = t('validation.required');
      return;
    }
    const n = intOrNull(raw as number | string);
    if (n === null || n < min || n > max) {
      errors[field] = t('agreements.form.errors.range', { min, max });
    }
  };
  if (values.title.trim().length > 200) errors.title = t('validation.maxLength', { max: 200 });
  if (!isDay(values.startsOn)) errors.startsOn = t('validation.required');
  int('termMonths', 1, 120, true);
  if (f.collabs) int('collaborationsPerYear', 0, 1000);
  if (f.perMonth) int('deliverablesPerMonth', 0, 1000);
  int('usagePeriodDays', 0, 36500);
  int('exclusivityDays', 0, 3650);
  int('paymentTermsDays', 0, 365, true);
  int('renewalTermMonths', 1, 120);
  int('noticeDays', 0, 365, true);
  if (readPercentHundredths(values.reviewMaxAdjustPct) === null) {
    errors.reviewMaxAdjustPct = t('agreements.form.errors.percent');
  }
  if (values.exclusivityCategory.trim().length > 200) {
    errors.exclusivityCategory = t('validation.maxLength', { max: 200 });
  }
  if (values.notes.length > 20000) errors.notes = t('validation.maxLength', { max: 20000 });
  if (!CURRENCY_CODE.test(values.currency)) {
    errors.currency = t('validation.currency');
    return errors;
  }
  const digits = currencyDigits(values.currency);
  const money = (field: 'fee' | 'monthlyFee', required: boolean) => {
    const raw = values[field];
    if (!raw.trim()) {
      if (required) errors[field] = t('validation.required');
      return;
    }
    const parsed = parseAmount(raw, digits, lng);
    if (!parsed.ok) errors[field] = t(`creatorForm.amountErrors.${parsed.error}`, { digits });
  };
  if (f.fee) money('fee', true);
  if (f.monthlyFee) money('monthlyFee', true);
  const seen = new Set<string>();
  values.rates.forEach((r, i) => {
    const type = r.deliverableType.trim();
    if (!type) errors[`rates.${i}.deliverableType`] = t('validation.required');
    else if (type.length > 60) errors[`rates.${i}.deliverableType`] = t('validation.maxLength', { max: 60 });
    else if (seen.has(type)) errors[`rates.${i}.deliverableType`] = t('agreements.form.errors.duplicateRate');
    seen.add(type);
    const parsed = parseAmount(r.amount, digits, lng);
    if (!parsed.ok) errors[`rates.${i}.amount`] = t(`creatorForm.amountErrors.${parsed.error}`, { digits });
  });
  if (f.inclusions) {
    values.inclusions.forEach((inc, i) => {
      const item = inc.item.trim();
      if (!item) errors[`inclusions.${i}.item`] = t('validation.required');
      else if (item.length > 60) errors[`inclusions.${i}.item`] = t('validation.maxLength', { max: 60 });
      const q = intOrNull(inc.quantity);
      if (q === null || q < 1 || q > 1000) {
        errors[`inclusions.${i}.quantity`] = t('agreements.form.errors.range', { min: 1, max: 1000 });
      }
    });
  }
  return errors;
}

/** API field paths that differ from the form's: amounts are typed in major units. */
export function agreementFieldAliases(values: AgreementFormValues): Record<string, string> {
  const aliases: Record<string, string> = { feeMinor: 'fee', monthlyFeeMinor: 'monthlyFee' };
  values.rates.forEach((_, i) => {
    aliases[`rates.${i}.amountMinor`] = `rates.${i}.amount`;
  });
  return aliases;
}
