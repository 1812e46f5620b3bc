import { type Role, roles } from '@evergreen/contracts';
import type { TFunction } from 'i18next';
import en from '../../locales/en.json';
import { isFieldName } from '../../shared/api/fieldErrors.ts';
import { formatDays, formatPercentString, intlLocale, monthName } from '../../shared/i18n/format.ts';

type ActionKey = keyof typeof en.audit.actions;
type EntityKey = keyof typeof en.audit.entities;

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
  return isFieldName(field) ? t(`fieldNames.${field}`) : null;
}

// Language names as the language pickers show them.
const languageNames: Record<string, string> = { en: 'English', ru: 'Русский' };

/** One value inside `changes`, in the interface language: role names, months, percentages, days. */
export function auditValueText(field: string, value: unknown, t: TFunction, lng: string): string {
  if (field === 'cadenceDays') {
    if (value === null) return t('tiers.caseByCase');
    if (typeof value === 'number') return formatDays(value, lng);
  }
  if (value === null || value === undefined || value === '') return '—';
  if (field === 'role' && isRole(value)) return t(`roles.${value}`);
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

export function isFromTo(value: unknown): value is { from: unknown; to: unknown } {
  return typeof value === 'object' && value !== null && 'from' in value && 'to' in value;
}

/** A change as it reads in the log: "Manager → Owner" for `{ from, to }`, else the value itself. */
export function auditChangeText(field: string, change: unknown, t: TFunction, lng: string): string {
  return isFromTo(change)
    ? `${auditValueText(field, change.from, t, lng)} → ${auditValueText(field, change.to, t, lng)}`
    : auditValueText(field, change, t, lng);
}
