import type {
  Campaign,
  CampaignStatus,
  CreateCampaignRequest,
  UpdateCampaignRequest,
} from '@evergreen/contracts';
import type { TFunction } from 'i18next';
import { intlLocale } from '../../shared/i18n/format.ts';
import { currencyDigits, minorToInput, parseAmount } from '../../shared/money.ts';
import { CURRENCY_CODE, MARKET_CODE } from '../../shared/regions.ts';

/** A campaign as its form holds it: strings where people type, money in major units. */
export interface CampaignFormValues {
  name: string;
  products: string[];
  markets: string[];
  startsOn: string;
  endsOn: string;
  status: CampaignStatus;
  kind: Campaign['kind'];
  outcome: string;
  targetMetric: string;
  targetValue: string;
  /** Major units as typed ("20,000.50"); empty: no budget. */
  budgetAmount: string;
  budgetCurrency: string;
}

export function emptyCampaignValues(currency: string, markets: string[] = []): CampaignFormValues {
  return {
    name: '',
    products: [],
    markets,
    startsOn: '',
    endsOn: '',
    status: 'planning',
    kind: 'regular',
    outcome: '',
    targetMetric: '',
    targetValue: '',
    budgetAmount: '',
    budgetCurrency: currency,
  };
}

export function campaignToValues(c: Campaign, lng: string, fallbackCurrency: string): CampaignFormValues {
  return {
    name: c.name,
    products: [...c.products],
    markets: [...c.markets],
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    status: c.status,
    kind: c.kind,
    outcome: c.outcome ?? '',
    targetMetric: c.targetMetric ?? '',
    targetValue: c.targetValue ?? '',
    budgetAmount: c.budget ? minorToInput(c.budget.amountMinor, currencyDigits(c.budget.currency), lng) : '',
    budgetCurrency: c.budget?.currency ?? fallbackCurrency,
  };
}

const orNull = (v: string) => (v.trim() ? v.trim() : null);

/** "12,5" (Russian) or "12.5" → "12.5"; the API keeps it as an exact decimal string. */
export function normalizeTargetValue(v: string): string {
  return v.trim().replace(/\s/g, '').replace(',', '.');
}

const TARGET_VALUE = /^-?\d{1,12}(\.\d{1,2})?$/;

/** Every field as the API takes it (the budget in exact minor units). */
export function valuesToCampaign(v: CampaignFormValues, lng: string): Required<UpdateCampaignRequest> {
  const amount = v.budgetAmount.trim()
    ? parseAmount(v.budgetAmount, currencyDigits(v.budgetCurrency), lng)
    : null;
  const target = normalizeTargetValue(v.targetValue);
  return {
    name: v.name.trim(),
    products: [...new Set(v.products.map((p) => p.trim()).filter(Boolean))],
    markets: v.markets,
    startsOn: v.startsOn,
    endsOn: v.endsOn,
    status: v.status,
    kind: v.kind,
    outcome: orNull(v.outcome),
    targetMetric: orNull(v.targetMetric),
    targetValue: target ? target : null,
    budget: amount?.ok ? { amountMinor: amount.minor, currency: v.budgetCurrency } : null,
  };
}

export const valuesToCreateCampaign = (v: CampaignFormValues, lng: string): CreateCampaignRequest =>
  valuesToCampaign(v, lng);

/** Only what changed, so the audit log records exactly that. */
export function changedCampaignFields(
  values: CampaignFormValues,
  initial: CampaignFormValues,
  lng: string,
): UpdateCampaignRequest {
  const next = valuesToCampaign(values, lng);
  const before = valuesToCampaign(initial, lng);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(next) as (keyof typeof next)[]) {
    if (JSON.stringify(next[key]) !== JSON.stringify(before[key])) out[key] = next[key];
  }
  return out as UpdateCampaignRequest;
}

/** Client-side checks, worded in the interface language; the server checks again. */
export function validateCampaign(v: CampaignFormValues, t: TFunction, lng: string): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!v.name.trim()) errors.name = t('validation.required');
  else if (v.name.trim().length > 200) errors.name = t('validation.maxLength', { max: 200 });
  if (v.products.some((p) => p.trim().length > 120))
    errors.products = t('validation.maxLength', { max: 120 });
  if (!v.markets.every((m) => MARKET_CODE.test(m))) errors.markets = t('validation.market');
  if (!v.startsOn) errors.startsOn = t('validation.required');
  if (!v.endsOn) errors.endsOn = t('validation.required');
  else if (v.startsOn && v.endsOn < v.startsOn) errors.endsOn = t('campaigns.form.endsBeforeStart');
  if (v.outcome.trim().length > 2000) errors.outcome = t('validation.maxLength', { max: 2000 });
  if (v.targetMetric.trim().length > 200) errors.targetMetric = t('validation.maxLength', { max: 200 });
  const target = normalizeTargetValue(v.targetValue);
  if (target && !TARGET_VALUE.test(target)) errors.targetValue = t('campaigns.form.targetValueInvalid');
  if (v.budgetAmount.trim()) {
    if (!CURRENCY_CODE.test(v.budgetCurrency)) errors.budgetCurrency = t('validation.currency');
    else {
      const digits = currencyDigits(v.budgetCurrency);
      const parsed = parseAmount(v.budgetAmount, digits, lng);
      if (!parsed.ok) errors.budgetAmount = t(`creatorForm.amountErrors.${parsed.error}`, { digits });
    }
  }
  return errors;
}

/** API field paths that differ from the form's. */
export const campaignFieldAliases: Record<string, string> = {
  'budget.amountMinor': 'budgetAmount',
  'budget.currency': 'budgetCurrency',
  budget: 'budgetAmount',
};

/** "22.5" → "22.5" / "22,5": an exact decimal string in the user's locale, not rounded. */
export function formatDecimal(value: string, lng: string): string {
  if (!TARGET_VALUE.test(value)) return value;
  return new Intl.NumberFormat(intlLocale(lng), { maximumFractionDigits: 2 }).format(
    value as Intl.StringNumericLiteral,
  );
}
