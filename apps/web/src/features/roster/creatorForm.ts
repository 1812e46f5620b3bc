import type {
  Channel,
  CreateCreatorRequest,
  Creator,
  CreatorStatus,
  Platform,
  UpdateCreatorRequest,
} from '@evergreen/contracts';
import type { TFunction } from 'i18next';
import { currencyDigits, minorToInput, parseAmount } from '../../shared/money.ts';
import { CURRENCY_CODE, MARKET_CODE } from '../../shared/regions.ts';

/** A creator as the profile and create forms hold it: strings where people type. */
export interface HandleRow {
  platform: Platform | null;
  handle: string;
  url: string;
}
export interface RateRow {
  deliverableType: string;
  /** Major units as typed: "3,500.50". */
  amount: string;
  currency: string;
}
export interface CreatorFormValues {
  displayName: string;
  legalName: string;
  greetingName: string;
  email: string;
  externalId: string;
  tier: string;
  status: CreatorStatus;
  ownerUserId: string | null;
  markets: string[];
  languages: string[];
  tags: string[];
  briefingStyle: string;
  leadTimeDays: number | string;
  boundaries: string;
  preferredChannel: Channel | null;
  notes: string;
  cadenceDaysOverride: number | string;
  handles: HandleRow[];
  rates: RateRow[];
}

export function emptyCreatorValues(defaults: { ownerUserId?: string | null } = {}): CreatorFormValues {
  return {
    displayName: '',
    legalName: '',
    greetingName: '',
    email: '',
    externalId: '',
    tier: '3',
    status: 'prospect',
    ownerUserId: defaults.ownerUserId ?? null,
    markets: [],
    languages: [],
    tags: [],
    briefingStyle: '',
    leadTimeDays: '',
    boundaries: '',
    preferredChannel: null,
    notes: '',
    cadenceDaysOverride: '',
    handles: [],
    rates: [],
  };
}

export function creatorToValues(c: Creator, lng: string): CreatorFormValues {
  return {
    displayName: c.displayName,
    legalName: c.legalName ?? '',
    greetingName: c.greetingName ?? '',
    email: c.email ?? '',
    externalId: c.externalId ?? '',
    tier: String(c.tier),
    status: c.status,
    ownerUserId: c.ownerUserId,
    markets: [...c.markets],
    languages: [...c.languages],
    tags: [...c.tags],
    briefingStyle: c.briefingStyle ?? '',
    leadTimeDays: c.leadTimeDays ?? '',
    boundaries: c.boundaries ?? '',
    preferredChannel: c.preferredChannel,
    notes: c.notes ?? '',
    cadenceDaysOverride: c.cadenceDaysOverride ?? '',
    handles: c.handles.map((h) => ({ platform: h.platform, handle: h.handle, url: h.url ?? '' })),
    rates: c.rates.map((r) => ({
      deliverableType: r.deliverableType,
      amount: minorToInput(r.amountMinor, currencyDigits(r.currency), lng),
      currency: r.currency,
    })),
  };
}

const orNull = (value: string): string | null => (value.trim() ? value.trim() : null);

function intOrNull(value: number | string): number | null {
  if (value === '' || value === null || value === undefined) return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isInteger(n) ? n : null;
}

const cleanHandle = (handle: string) => handle.trim().replace(/^@/, '');

/** Every field of a creator as the API takes it (rates in exact minor units). */
export function valuesToFields(values: CreatorFormValues, lng: string): Required<UpdateCreatorRequest> {
  return {
    displayName: values.displayName.trim(),
    legalName: orNull(values.legalName),
    greetingName: orNull(values.greetingName),
    email: orNull(values.email),
    externalId: orNull(values.externalId),
    status: values.status,
    ownerUserId: values.ownerUserId || null,
    markets: values.markets,
    languages: values.languages.filter((l): l is 'en' | 'ru' => l === 'en' || l === 'ru'),
    tags: values.tags.map((tag) => tag.trim()).filter(Boolean),
    briefingStyle: orNull(values.briefingStyle),
    leadTimeDays: intOrNull(values.leadTimeDays),
    boundaries: orNull(values.boundaries),
    preferredChannel: values.preferredChannel,
    // Notes keep their line breaks and indentation; only empty notes become null.
    notes: values.notes.trim() ? values.notes : null,
    cadenceDaysOverride: intOrNull(values.cadenceDaysOverride),
    handles: values.handles
      .filter((h): h is HandleRow & { platform: Platform } => h.platform !== null)
      .map((h) => ({ platform: h.platform, handle: cleanHandle(h.handle), url: orNull(h.url) })),
    rates: values.rates.map((r) => {
      const parsed = parseAmount(r.amount, currencyDigits(r.currency), lng);
      return {
        deliverableType: r.deliverableType.trim(),
        amountMinor: parsed.ok ? parsed.minor : 0,
        currency: r.currency,
      };
    }),
  };
}

/** The create request: the fields the create form shows, plus the tier. */
export function valuesToCreate(values: CreatorFormValues, lng: string): CreateCreatorRequest {
  const f = valuesToFields(values, lng);
  return {
    displayName: f.displayName,
    email: f.email,
    tier: Number(values.tier),
    status: f.status,
    ownerUserId: f.ownerUserId,
    markets: f.markets,
    languages: f.languages,
    tags: f.tags,
    handles: f.handles,
    preferredChannel: f.preferredChannel,
    leadTimeDays: f.leadTimeDays,
    cadenceDaysOverride: f.cadenceDaysOverride,
  };
}

/**
 * Only what changed, so the audit log and the timeline record exactly that. Compared after
 * conversion, so retyping " maya@x.example" or "3500.00" for 3500 is not a change.
 */
export function changedFields(
  values: CreatorFormValues,
  initial: CreatorFormValues,
  lng: string,
): UpdateCreatorRequest {
  const next = valuesToFields(values, lng);
  const before = valuesToFields(initial, lng);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(next) as (keyof typeof next)[]) {
    if (JSON.stringify(next[key]) !== JSON.stringify(before[key])) out[key] = next[key];
  }
  return out as UpdateCreatorRequest;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Client-side checks, worded in the interface language; the server checks again. */
export function validateCreator(
  values: CreatorFormValues,
  t: TFunction,
  lng: string,
  mode: 'create' | 'edit',
): Record<string, string> {
  const errors: Record<string, string> = {};
  const maxLen = (field: keyof CreatorFormValues, max: number) => {
    const value = values[field];
    if (typeof value === 'string' && value.trim().length > max) {
      errors[field] = t('validation.maxLength', { max });
    }
  };
  if (!values.displayName.trim()) errors.displayName = t('validation.required');
  maxLen('displayName', 200);
  maxLen('legalName', 200);
  maxLen('greetingName', 100);
  maxLen('externalId', 200);
  maxLen('briefingStyle', 2000);
  maxLen('boundaries', 2000);
  if (values.notes.length > 20000) errors.notes = t('validation.maxLength', { max: 20000 });
  if (values.email.trim() && !EMAIL.test(values.email.trim())) errors.email = t('validation.email');
  if (mode === 'create' && !['1', '2', '3'].includes(values.tier)) errors.tier = t('validation.required');
  if (!values.markets.every((m) => MARKET_CODE.test(m))) errors.markets = t('validation.market');
  if (values.tags.some((tag) => tag.trim().length > 60)) errors.tags = t('validation.maxLength', { max: 60 });
  const lead = intOrNull(values.leadTimeDays);
  if (values.leadTimeDays !== '' && (lead === null || lead < 0 || lead > 365)) {
    errors.leadTimeDays = t('fieldErrors.too_big', { maximum: 365 });
  }
  const cadence = intOrNull(values.cadenceDaysOverride);
  if (values.cadenceDaysOverride !== '' && (cadence === null || cadence < 1 || cadence > 3650)) {
    errors.cadenceDaysOverride = t('creatorForm.cadenceRange');
  }
  const seen = new Set<string>();
  values.handles.forEach((h, i) => {
    if (!h.platform) errors[`handles.${i}.platform`] = t('validation.required');
    else if (seen.has(h.platform)) errors[`handles.${i}.platform`] = t('fieldErrors.duplicate');
    if (h.platform) seen.add(h.platform);
    if (!cleanHandle(h.handle)) errors[`handles.${i}.handle`] = t('validation.required');
    else if (cleanHandle(h.handle).length > 120) {
      errors[`handles.${i}.handle`] = t('validation.maxLength', { max: 120 });
    }
    if (h.url.trim() && !/^https?:\/\/\S+\.\S+/i.test(h.url.trim())) {
      errors[`handles.${i}.url`] = t('creatorForm.urlInvalid');
    }
  });
  values.rates.forEach((r, i) => {
    if (!r.deliverableType.trim()) errors[`rates.${i}.deliverableType`] = t('validation.required');
    else if (r.deliverableType.trim().length > 60) {
      errors[`rates.${i}.deliverableType`] = t('validation.maxLength', { max: 60 });
    }
    if (!CURRENCY_CODE.test(r.currency)) {
      errors[`rates.${i}.currency`] = t('validation.currency');
      return;
    }
    const digits = currencyDigits(r.currency);
    const parsed = parseAmount(r.amount, digits, lng);
    if (!parsed.ok) errors[`rates.${i}.amount`] = t(`creatorForm.amountErrors.${parsed.error}`, { digits });
  });
  return errors;
}

/** API field paths that differ from the form's: rate amounts are typed in major units. */
export function creatorFieldAliases(values: CreatorFormValues): Record<string, string> {
  const aliases: Record<string, string> = {};
  values.rates.forEach((_, i) => {
    aliases[`rates.${i}.amountMinor`] = `rates.${i}.amount`;
  });
  return aliases;
}
