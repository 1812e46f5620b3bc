import { type Role, roles } from '@evergreen/contracts';
import { minorToDecimal } from '@evergreen/rules';
import type { TFunction } from 'i18next';
import en from '../../locales/en.json';
import { isFieldName } from '../../shared/api/fieldErrors.ts';
import {
  formatDay,
  formatDays,
  formatPercentString,
  intlLocale,
  monthName,
} from '../../shared/i18n/format.ts';
import { formatMoney } from '../../shared/money.ts';

type ActionKey = keyof typeof en.audit.actions;
type EntityKey = keyof typeof en.audit.entities;
type AuditFieldKey = keyof typeof en.audit.fields;

/** What a value needs besides its field: the record it belongs to, and the currency of its money. */
export interface AuditValueContext {
  entityType?: string;
  /** The currency of `…Minor` amounts, when the change says it; else amounts show without one. */
  currency?: string | null;
}

/** `key` is one of the keys of `labels` (a part of the English locale): its label can be asked for. */
function isKeyOf<T extends object>(labels: T, key: unknown): key is keyof T & string {
  return typeof key === 'string' && Object.hasOwn(labels, key);
}

function isActionKey(key: string): key is ActionKey {
  return Object.hasOwn(en.audit.actions, key);
}

function isEntityKey(key: string): key is EntityKey {
  return Object.hasOwn(en.audit.entities, key);
}

function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (roles as readonly string[]).includes(value);
}

/** "Role changed" for `member.role_changed`; an action this version does not know shows as it is. */
export function auditActionText(action: string, t: TFunction): string {
  const key = action.replaceAll('.', '_');
  return isActionKey(key) ? t(`audit.actions.${key}`) : action;
}

/** "Invitation" for `invitation`; an unknown entity type shows as it is. */
export function auditEntityText(entityType: string, t: TFunction): string {
  return isEntityKey(entityType) ? t(`audit.entities.${entityType}`) : entityType;
}

/** The readable name of a changed field, or null when there is none (the raw name is shown). */
export function auditFieldLabel(field: string, t: TFunction): string | null {
  if (isKeyOf(en.audit.fields, field)) return t(`audit.fields.${field satisfies AuditFieldKey}`);
  return isFieldName(field) ? t(`fieldNames.${field}`) : null;
}

// Days ('YYYY-MM-DD') recorded in changes, shown in the locale.
const dayFields = new Set([
  'givenOn',
  'effectiveEndOn',
  'endedOn',
  'startsOn',
  'endsOn',
  'dueOn',
  'postedOn',
  'paidOn',
  'onDate',
]);

/** The currency a change names ("EUR", or the new one of `{ from, to }`), for its amounts. */
export function auditCurrency(changes: Record<string, unknown> | null | undefined): string | null {
  const c = changes?.currency;
  if (typeof c === 'string') return c;
  if (isFromTo(c) && typeof c.to === 'string') return c.to;
  return null;
}

/** An amount in minor units: in its currency when known, else as a plain two-decimal number. */
function moneyText(minor: number, currency: string | null | undefined, lng: string): string {
  if (currency) return formatMoney(minor, currency, lng);
  return new Intl.NumberFormat(intlLocale(lng), { minimumFractionDigits: 2 }).format(
    minorToDecimal(minor, 2) as Intl.StringNumericLiteral,
  );
}

function deliverableTypeText(type: string, t: TFunction): string {
  return isKeyOf(en.briefs.deliverableTypes, type) ? t(`briefs.deliverableTypes.${type}`) : type;
}

/** A status or type, named as the record's own pages name it; null when it is not one of them. */
function entityValueText(field: string, value: unknown, t: TFunction, entityType?: string): string | null {
  if (field === 'status') {
    if (entityType === 'agreement' && isKeyOf(en.agreements.statuses, value))
      return t(`agreements.statuses.${value}`);
    if (entityType === 'brief' && isKeyOf(en.briefs.status, value)) return t(`briefs.status.${value}`);
    if (entityType === 'deliverable' && isKeyOf(en.agreements.deliverables.statuses, value))
      return t(`agreements.deliverables.statuses.${value}`);
    if (entityType === 'campaign' && isKeyOf(en.campaigns.status, value))
      return t(`campaigns.status.${value}`);
    if (entityType === 'creator' && isKeyOf(en.creator.status, value)) return t(`creator.status.${value}`);
  }
  if (field === 'type' && typeof value === 'string') {
    if (entityType === 'agreement' && isKeyOf(en.agreements.types, value))
      return t(`agreements.types.${value}`);
    if (entityType === 'deliverable') return deliverableTypeText(value, t);
  }
  return null;
}

// Language names as the language pickers show them.
const languageNames: Record<string, string> = { en: 'English', ru: 'Русский' };

/** One value inside `changes`, in the interface language: role names, months, percentages, days. */
export function auditValueText(
  field: string,
  value: unknown,
  t: TFunction,
  lng: string,
  ctx: AuditValueContext = {},
): string {
  if (field === 'cadenceDays') {
    if (value === null) return t('tiers.caseByCase');
    if (typeof value === 'number') return formatDays(value, lng);
  }
  if (value === null || value === undefined || value === '') return '—';
  if (field === 'role' && isRole(value)) return t(`roles.${value}`);
  const named = entityValueText(field, value, t, ctx.entityType);
  if (named !== null) return named;
  if (dayFields.has(field) && typeof value === 'string') return formatDay(value, lng);
  if (field.endsWith('Minor') && typeof value === 'number') return moneyText(value, ctx.currency, lng);
  if (field === 'by' && isKeyOf(en.audit.values.by, value)) return t(`audit.values.by.${value}`);
  if (field === 'how' && isKeyOf(en.audit.values.how, value)) return t(`audit.values.how.${value}`);
  if (field === 'decision' && isKeyOf(en.agreements.extend.decided, value))
    return t(`agreements.extend.decided.${value}`);
  if (typeof value === 'boolean') return t(value ? 'agreements.summary.yes' : 'agreements.summary.no');
  if (field === 'rates' && Array.isArray(value) && value.every(isRate)) {
    return value.length === 0
      ? '—'
      : value
          .map(
            (r) =>
              `${deliverableTypeText(r.deliverableType, t)} ${moneyText(r.amountMinor, ctx.currency, lng)}`,
          )
          .join(', ');
  }
  if (field === 'fiscalYearStartMonth' && typeof value === 'number' && value >= 1 && value <= 12) {
    return monthName(value, lng);
  }
  if (field === 'defaultLanguage' && typeof value === 'string') return languageNames[value] ?? value;
  if (field === 'budgetSharePct' && (typeof value === 'string' || typeof value === 'number')) {
    return formatPercentString(String(value), lng);
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return new Intl.NumberFormat(intlLocale(lng)).format(value);
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null)) {
    return value.length === 0 ? '—' : value.map(String).join(', ');
  }
  return JSON.stringify(value);
}

function isRate(value: unknown): value is { deliverableType: string; amountMinor: number } {
  return (
    typeof value === 'object' &&
    value !== null &&
    'deliverableType' in value &&
    typeof value.deliverableType === 'string' &&
    'amountMinor' in value &&
    typeof value.amountMinor === 'number'
  );
}

export function isFromTo(value: unknown): value is { from: unknown; to: unknown } {
  return typeof value === 'object' && value !== null && 'from' in value && 'to' in value;
}

/** A change as it reads in the log: "Manager → Owner" for `{ from, to }`, else the value itself. */
export function auditChangeText(
  field: string,
  change: unknown,
  t: TFunction,
  lng: string,
  ctx: AuditValueContext = {},
): string {
  return isFromTo(change)
    ? `${auditValueText(field, change.from, t, lng, ctx)} → ${auditValueText(field, change.to, t, lng, ctx)}`
    : auditValueText(field, change, t, lng, ctx);
}
