import type { PillarInput, SelectionReason } from '@evergreen/contracts';
import type { TFunction } from 'i18next';
import en from '../../locales/en.json';
import type { useFormatters } from '../../shared/i18n/format.ts';
import { formatMoney } from '../../shared/money.ts';

type Fmt = ReturnType<typeof useFormatters>;

/**
 * A pillar input's value as people read it: rates as percentages, CPA as money, cost per reach as
 * money per 1,000 reached, counts as numbers (the API sends exact text; docs/selection.md).
 */
export function inputValueText(i: PillarInput, fmt: Fmt, currency: string): string {
  if (i.value == null) return '—';
  const n = Number(i.value);
  switch (i.key) {
    case 'engagement_rate':
    case 'repeat_rate':
    case 'audience_change':
      return fmt.percent(String(Math.round(n * 10_000) / 100));
    case 'consistency':
      return fmt.number(Math.round(n * 10_000) / 10_000);
    case 'cpa':
      return formatMoney(Math.round(n), currency, fmt.lng);
    case 'cost_per_reach':
      return formatMoney(Math.round(n * 1000), currency, fmt.lng);
    case 'followers_first':
    case 'followers_last':
    case 'issues':
    case 'issues_penalty':
      return fmt.number(n);
    default:
      return i.value;
  }
}

/** `key` is one of the keys of `labels` (a part of the English locale): its words can be asked for. */
export const has = <T extends object>(labels: T, key: unknown): key is keyof T & string =>
  typeof key === 'string' && Object.hasOwn(labels, key);

/** The words for the codes the API sends; an unknown code (a newer server) shows as itself. */
export function minimumText(code: string, t: TFunction): string {
  return has(en.selection.minimum, code) ? t(`selection.minimum.${code}`) : code;
}

export function criterionText(code: string, t: TFunction): string {
  return has(en.selection.criteria, code) ? t(`selection.criteria.${code}`) : code;
}

export function inputLabel(key: string, t: TFunction): string {
  if (key.startsWith('rating_')) return criterionText(key.slice('rating_'.length), t);
  return has(en.selection.inputs, key) && key !== 'roster' ? t(`selection.inputs.${key}`) : key;
}

/** A suggestion's reason in words. */
export function reasonText(r: SelectionReason, t: TFunction, fmt: Fmt): string {
  const v = r.values;
  if (r.code === 'inactive')
    return t('selection.reasons.inactive', { since: fmt.day(String(v.since)), days: v.days });
  return has(en.selection.reasons, r.code) ? t(`selection.reasons.${r.code}`, v) : r.code;
}
