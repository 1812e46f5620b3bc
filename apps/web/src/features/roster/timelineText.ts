import { type AgreementType, agreementTypes, type TimelineEntry } from '@evergreen/contracts';
import type { TFunction } from 'i18next';
import { selectionTimelineText, selectionTimelineTypes } from '../selection/timelineText.ts';
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
/** A whole number (a tier, a version, a row), or null. */
const intOf = (value: unknown): number | null =>
  typeof value === 'number' && Number.isInteger(value) ? value : null;
const isAgreementType = (value: unknown): value is AgreementType =>
  typeof value === 'string' && (agreementTypes as readonly string[]).includes(value);
const isDecision = (value: unknown): value is 'extend' | 'move_on' =>
  value === 'extend' || value === 'move_on';
/** The facts that are there, joined: "Annual partnership · Annual"; null when none is. */
const facts = (...parts: (string | null | false | undefined)[]): string | null =>
  parts.filter((p): p is string => typeof p === 'string' && p.trim() !== '').join(' · ') || null;

/** The known kinds of timeline entries; anything newer is shown by its type name. */
export const timelineTypes = [
  'touchpoint',
  'created',
  'tier_changed',
  'status_changed',
  'owner_changed',
  'snoozed',
  'imported',
  'agreement_created',
  'agreement_sent',
  'agreement_accepted',
  'agreement_activated',
  'agreement_notice',
  'agreement_ended',
  'agreement_month_six',
  'agreement_renewed',
  'brief_created',
  'brief_sent',
  'brief_accepted',
  'brief_change_requested',
  'brief_change_accepted',
  'brief_change_declined',
  'brief_declined',
  ...selectionTimelineTypes,
] as const;
export type TimelineType = (typeof timelineTypes)[number];
export const isTimelineType = (type: string): type is TimelineType =>
  (timelineTypes as readonly string[]).includes(type);

/** Words for one timeline entry, from its type and data; the server's words are never shown. */
export function timelineText(entry: TimelineEntry, { t, memberName, day }: TimelineContext): TimelineText {
  const d = entry.data;
  const tierText = (value: unknown) => {
    const n = intOf(value);
    return n === null ? '—' : t('creator.tier', { tier: n });
  };
  const statusText = (value: unknown) => (isStatus(value) ? t(`creator.status.${value}`) : '—');
  const ownerText = (value: unknown) => {
    const id = str(value);
    if (!id) return t('creator.noOwner');
    return memberName(id) ?? t('creator.formerMember');
  };
  const dayText = (value: unknown) => {
    const v = str(value);
    return v ? day(v) : null;
  };
  const campaignText = () => {
    const name = str(d.campaignName);
    return name ? t('timeline.brief.campaign', { name }) : null;
  };
  const versionText = (value: unknown) => {
    const v = intOf(value);
    return v === null ? null : t('timeline.brief.version', { version: v });
  };
  const inForceText = (value: unknown) => {
    const v = intOf(value);
    return v === null ? null : t('timeline.brief.inForce', { version: v });
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
          [intOf(d.tier) !== null ? tierText(d.tier) : null, isStatus(d.status) ? statusText(d.status) : null]
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
    case 'imported': {
      const row = intOf(d.row);
      const rowText = row === null ? null : t('timeline.csvRow', { row });
      if (d.action === 'updated') {
        const columns = Array.isArray(d.changes) ? d.changes.filter((c) => typeof c === 'string') : [];
        return {
          title: t('timeline.importUpdated'),
          detail: facts(
            rowText,
            columns.length ? t('timeline.csvChanged', { columns: columns.join(', ') }) : null,
          ),
        };
      }
      return {
        title: t('timeline.imported'),
        detail: facts(
          rowText,
          intOf(d.tier) !== null ? tierText(d.tier) : null,
          isStatus(d.status) ? statusText(d.status) : null,
        ),
      };
    }
    case 'agreement_created':
      return {
        title: t('timeline.agreement.created'),
        detail: facts(str(d.title), isAgreementType(d.type) ? t(`agreements.types.${d.type}`) : null),
      };
    case 'agreement_sent':
      return { title: t('timeline.agreement.sent'), detail: facts(str(d.title)) };
    case 'agreement_accepted': {
      const name = str(d.acceptedName);
      const signed = name
        ? t(d.onBehalf === true ? 'timeline.agreement.acceptedOnBehalf' : 'timeline.agreement.acceptedAs', {
            name,
          })
        : null;
      return { title: t('timeline.agreement.accepted'), detail: facts(str(d.title), signed) };
    }
    case 'agreement_activated':
      return { title: t('timeline.agreement.activated'), detail: facts(str(d.title)) };
    case 'agreement_notice': {
      const given = dayText(d.givenOn);
      const end = dayText(d.effectiveEndOn);
      return {
        title:
          d.by === 'brand'
            ? t('timeline.agreement.noticeBrand')
            : d.by === 'creator'
              ? t('timeline.agreement.noticeCreator')
              : t('timeline.agreement.notice'),
        detail: facts(
          str(d.title),
          given && t('timeline.agreement.noticeGivenOn', { date: given }),
          end && t('timeline.agreement.inForceThrough', { date: end }),
        ),
      };
    }
    case 'agreement_ended': {
      const last = dayText(d.endedOn);
      return {
        title: t('timeline.agreement.ended'),
        detail: facts(str(d.title), last && t('timeline.agreement.lastDay', { date: last })),
      };
    }
    case 'agreement_month_six':
      return {
        title: isDecision(d.decision)
          ? t('timeline.agreement.monthSixDecided', {
              decision: t(`agreements.extend.decided.${d.decision}`),
            })
          : t('timeline.agreement.monthSix'),
        detail: facts(str(d.title)),
      };
    case 'agreement_renewed': {
      const term = intOf(d.termNumber);
      const starts = dayText(d.startsOn);
      return {
        title:
          term === null
            ? t('timeline.agreement.renewed')
            : t('timeline.agreement.renewedTerm', { number: term }),
        detail: facts(
          str(d.title),
          d.how === 'automatic'
            ? t('timeline.agreement.renewedAutomatically')
            : d.how === 'manual'
              ? t('timeline.agreement.renewedByHand')
              : null,
          starts && t('timeline.agreement.nextTermStarts', { date: starts }),
        ),
      };
    }
    case 'brief_created':
      return {
        title: t('timeline.brief.created'),
        detail: facts(str(d.title), campaignText(), versionText(d.version)),
      };
    case 'brief_sent':
      return { title: t('timeline.brief.sent'), detail: facts(campaignText(), versionText(d.version)) };
    case 'brief_accepted': {
      const name = str(d.acceptedName);
      return {
        title: t('timeline.brief.accepted'),
        detail: facts(
          campaignText(),
          versionText(d.version),
          name && t('timeline.brief.acceptedAs', { name }),
        ),
      };
    }
    case 'brief_change_requested': {
      const proposed = intOf(d.version);
      return {
        title: t('timeline.brief.changeRequested'),
        detail: facts(
          campaignText(),
          proposed !== null && t('timeline.brief.proposed', { version: proposed }),
          inForceText(d.acceptedVersion),
        ),
      };
    }
    case 'brief_change_accepted':
      return {
        title: t('timeline.brief.changeAccepted'),
        detail: facts(campaignText(), inForceText(d.inForce ?? d.version)),
      };
    case 'brief_change_declined':
      return {
        title: t('timeline.brief.changeDeclined'),
        detail: facts(campaignText(), versionText(d.version), inForceText(d.inForce)),
      };
    case 'brief_declined':
      return {
        title: t('timeline.brief.declined'),
        detail: facts(campaignText(), versionText(d.version)),
      };
    case 'rated':
    case 'score_override':
    case 'score_override_cleared':
    case 'issue_opened':
    case 'issue_escalated':
    case 'issue_resolved':
    case 'issue_reopened':
    case 'insight':
    case 'suggestion_accepted':
    case 'suggestion_dismissed':
      return selectionTimelineText(entry.type, d, t);
    default:
      return { title: t('timeline.other', { type: entry.type.replaceAll('_', ' ') }), detail: null };
  }
}
