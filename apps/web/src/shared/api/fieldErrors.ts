import type { FieldIssue } from '@evergreen/contracts';
import type { TFunction } from 'i18next';
import type en from '../../locales/en.json';
import { intlLocale } from '../i18n/format.ts';
import { formatMoney } from '../money.ts';

/** Codes whose translation needs no parameters: the key is the code itself. */
const plainCodes = [
  'required',
  'invalid_value',
  'unrecognized_keys',
  'invalid_body',
  'already_registered',
  'already_member',
  'last_owner',
  'min_above_max',
  'tiers_set',
  'taken',
  'not_member',
  'duplicate',
  'future_date',
  'not_after_today',
  'no_email',
  'unknown_template',
  'no_variant',
  'reused',
  'ambiguous',
  'not_found',
  'idempotency_conflict',
  // Text that cannot be stored, and bodies nested too deeply (docs/decisions/0008-hostile-input.md).
  'nul_character',
  'lone_surrogate',
  'too_deep',
  'wrong_password',
  'link_invalid',
] as const;
type PlainCode = (typeof plainCodes)[number];

function isPlainCode(code: string): code is PlainCode {
  return (plainCodes as readonly string[]).includes(code);
}

/** What was checked: Zod says so in `origin`; else we guess from the value the form sent. */
function originOf(params: FieldIssue['params'], value: unknown): 'string' | 'array' | 'other' {
  const origin =
    params?.origin ?? (typeof value === 'string' ? 'string' : Array.isArray(value) ? 'array' : '');
  return origin === 'string' ? 'string' : origin === 'array' || origin === 'set' ? 'array' : 'other';
}

function formatNumber(value: string | number, lng: string): string {
  const n = typeof value === 'number' ? value : Number(value);
  if (typeof value === 'string' && (value.trim() === '' || !Number.isFinite(n))) return value;
  return new Intl.NumberFormat(intlLocale(lng), { maximumFractionDigits: 2 }).format(n);
}

/**
 * The person-facing text for a field issue from the API, in the interface language. It is built
 * from `code` and `params` only: the API's `message` is English for developers and never shown.
 * `value` is what the form sent for the field, when known; it helps word length limits.
 */
export function fieldIssueText(
  issue: Pick<FieldIssue, 'code' | 'params'>,
  t: TFunction,
  lng: string,
  value?: unknown,
): string {
  const { code, params } = issue;
  if (isPlainCode(code)) return t(`fieldErrors.${code}`);
  switch (code) {
    case 'invalid_type':
      // A field left empty arrives as null or "" where the API expects a value.
      return value === null || value === '' ? t('fieldErrors.required') : t('fieldErrors.invalid_type');
    case 'invalid_format':
      if (params?.format === 'email') return t('fieldErrors.invalid_email');
      // Links people click are http(s) only: javascript: and data: are refused as a wrong format.
      if (params?.format === 'url') return t('fieldErrors.invalid_url');
      return t('fieldErrors.invalid_format');
    // Dates are read in the years 1900–2200 (years said as written: no thousands separator).
    case 'date_out_of_range':
      return params?.minimum === undefined || params.maximum === undefined
        ? t('fieldErrors.invalid')
        : t('fieldErrors.date_out_of_range', {
            minimum: String(params.minimum),
            maximum: String(params.maximum),
          });
    case 'too_small': {
      const min = params?.minimum;
      if (min === undefined) return t('fieldErrors.invalid');
      const minimum = formatNumber(min, lng);
      switch (originOf(params, value)) {
        case 'string':
          return Number(min) <= 1 ? t('fieldErrors.required') : t('fieldErrors.too_short', { minimum });
        case 'array':
          return t('fieldErrors.too_few', { minimum });
        default:
          return t('fieldErrors.too_small', { minimum });
      }
    }
    case 'too_big': {
      const max = params?.maximum;
      if (max === undefined) return t('fieldErrors.invalid');
      const maximum = formatNumber(max, lng);
      switch (originOf(params, value)) {
        case 'string':
          return t('fieldErrors.too_long', { maximum });
        case 'array':
          return t('fieldErrors.too_many', { maximum });
        default:
          return t('fieldErrors.too_big', { maximum });
      }
    }
    // Template checks: `name` is the merge field, the tag or the section concerned.
    case 'unknown_field':
    case 'invalid_tag':
    case 'unclosed_section':
    case 'unexpected_close':
      return params?.name === undefined
        ? t('fieldErrors.invalid')
        : t(`fieldErrors.${code}`, { name: String(params.name) });
    case 'shares_total':
      return t('fieldErrors.shares_total');
    // A payment of more than is still owed (docs/budgets.md): both amounts in the payment's currency.
    case 'overpayment': {
      const currency = params?.currency;
      if (typeof currency !== 'string' || params?.amountMinor === undefined || params.owedMinor === undefined)
        return t('fieldErrors.invalid');
      return t('fieldErrors.overpayment', {
        amount: formatMoney(Number(params.amountMinor), currency, lng),
        owed: formatMoney(Number(params.owedMinor), currency, lng),
      });
    }
    case 'shares_sum':
      return params?.sum === undefined
        ? t('tiers.sumMustBe100')
        : t('fieldErrors.shares_sum', { sum: formatNumber(params.sum, lng) });
    // Agreements (docs/agreements.md). Review bounds of amounts are worded by the renewal form.
    case 'name_mismatch':
    case 'not_in_agreement':
    case 'other_creator':
      return t(`agreements.fieldErrors.${code}`);
    case 'out_of_review_bound':
      return params?.minimum === undefined || params.maximum === undefined
        ? t('fieldErrors.invalid')
        : t('agreements.fieldErrors.out_of_review_bound', {
            min: formatNumber(params.minimum, lng),
            max: formatNumber(params.maximum, lng),
          });
    default:
      // `custom` and codes this version of the app does not know yet.
      return t('fieldErrors.invalid');
  }
}

type FieldName = keyof typeof en.fieldNames;
const fieldNames: readonly FieldName[] = [
  'name',
  'email',
  'password',
  'role',
  'reportingCurrency',
  'fiscalYearStartMonth',
  'markets',
  'defaultLanguage',
  'tier',
  'tiers',
  'targetMin',
  'targetMax',
  'cadenceDays',
  'budgetSharePct',
  'displayName',
  'legalName',
  'externalId',
  'status',
  'ownerUserId',
  'languages',
  'tags',
  'tag',
  'handles',
  'handle',
  'platform',
  'url',
  'briefingStyle',
  'leadTimeDays',
  'boundaries',
  'preferredChannel',
  'notes',
  'cadenceDaysOverride',
  'rates',
  'deliverableType',
  'amountMinor',
  'currency',
  'occurredOn',
  'channel',
  'kind',
  'summary',
  'minutes',
  'concentrationWarnPct',
  'touchpointMinutes',
  'briefMinutes',
  'reviewMinutes',
  'reportMinutes',
  'until',
  'reason',
  'capturedOn',
  'followers',
  'avgEngagementRatePct',
  'audienceQualityPct',
  'paymentDetails',
  'account',
  'ids',
];

export function isFieldName(name: string): name is FieldName {
  return (fieldNames as readonly string[]).includes(name);
}

/** "Role", "Tier 2: Target max" for an API field path; null when there is no readable name. */
export function fieldPathLabel(path: string, t: TFunction): string | null {
  const parts = path.split('.');
  const tierField = /^tiers\.(\d+)\.(\w+)$/.exec(path);
  if (tierField?.[2] && isFieldName(tierField[2])) {
    return t('tiers.fieldLabel', {
      tier: Number(tierField[1]) + 1,
      column: t(`fieldNames.${tierField[2]}`),
    });
  }
  const last = [...parts].reverse().find((part) => !/^\d+$/.test(part));
  return last && isFieldName(last) ? t(`fieldNames.${last}`) : null;
}

/** A field issue said outside its form, e.g. in a notification: "Role: The last owner …". */
export function fieldIssueLine(
  issue: Pick<FieldIssue, 'field' | 'code' | 'params'>,
  t: TFunction,
  lng: string,
): string {
  const text = fieldIssueText(issue, t, lng);
  const label = fieldPathLabel(issue.field, t);
  return label ? `${label}: ${text}` : text;
}
