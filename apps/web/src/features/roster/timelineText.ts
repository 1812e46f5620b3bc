import type { TimelineEntry } from '@evergreen/contracts';
import type { TFunction } from 'i18next';
import { isChannel, isKind, isStatus } from './options.ts';

export interface TimelineText {
  /** "Tier 2 → Tier 1", "Check-in · Call": what happened, in the interface language. */
  title: string;
  /** A touchpoint's summary or the facts of an event ("Tier 3 · Prospect"). */
  detail: string | null;
}

interface TimelineContext {
  t: TFunction;
  /** A team member's name by user id; null when they are no longer in the workspace. */
  memberName: (userId: string) => string | null;
  day: (day: string) => string;
}

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const tierOf = (value: unknown): number | null =>
  typeof value === 'number' && Number.isInteger(value) ? value : null;

/** The known kinds of timeline entries; anything newer is shown by its type name. */
export const timelineTypes = [
  'touchpoint',
  'created',
  'tier_changed',
  'status_changed',
  'owner_changed',
  'snoozed',
  'imported',
] as const;
export type TimelineType = (typeof timelineTypes)[number];
export const isTimelineType = (type: string): type is TimelineType =>
  (timelineTypes as readonly string[]).includes(type);

/** Words for one timeline entry, from its type and data; the server's words are never shown. */
export function timelineText(entry: TimelineEntry, { t, memberName, day }: TimelineContext): TimelineText {
  const d = entry.data;
  const tierText = (value: unknown) => {
    const n = tierOf(value);
    return n === null ? '—' : t('creator.tier', { tier: n });
  };
  const statusText = (value: unknown) => (isStatus(value) ? t(`creator.status.${value}`) : '—');
  const ownerText = (value: unknown) => {
    const id = str(value);
    if (!id) return t('creator.noOwner');
    return memberName(id) ?? t('creator.formerMember');
  };

  switch (entry.type) {
    case 'touchpoint': {
      const kind = isKind(d.kind) ? t(`creator.kind.${d.kind}`) : t('creator.kind.other');
      const channel = isChannel(d.channel) ? t(`creator.channel.${d.channel}`) : null;
      const summary = str(d.summary);
      return { title: channel ? `${kind} · ${channel}` : kind, detail: summary?.trim() ? summary : null };
    }
    case 'created':
      return {
        title: t('timeline.created'),
        detail:
          [
            tierOf(d.tier) !== null ? tierText(d.tier) : null,
            isStatus(d.status) ? statusText(d.status) : null,
          ]
            .filter(Boolean)
            .join(' · ') || null,
      };
    case 'tier_changed':
      return {
        title: t('timeline.tierChanged', { from: tierText(d.from), to: tierText(d.to) }),
        detail: null,
      };
    case 'status_changed':
      return {
        title: t('timeline.statusChanged', { from: statusText(d.from), to: statusText(d.to) }),
        detail: null,
      };
    case 'owner_changed':
      return {
        title: t('timeline.ownerChanged', { from: ownerText(d.from), to: ownerText(d.to) }),
        detail: null,
      };
    case 'snoozed': {
      const until = str(d.until);
      return {
        title: until ? t('timeline.snoozedUntil', { date: day(until) }) : t('timeline.snoozed'),
        detail: null,
      };
    }
    case 'imported':
      return { title: t('timeline.imported'), detail: null };
    default:
      return { title: t('timeline.other', { type: entry.type.replaceAll('_', ' ') }), detail: null };
  }
}
