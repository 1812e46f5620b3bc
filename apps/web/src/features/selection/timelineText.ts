import type { TFunction } from 'i18next';
import en from '../../locales/en.json';
import { has } from './selectionText.ts';

/** The timeline entries the selection module writes (docs/selection.md). */
export const selectionTimelineTypes = [
  'rated',
  'score_override',
  'score_override_cleared',
  'issue_opened',
  'issue_escalated',
  'issue_resolved',
  'issue_reopened',
  'insight',
  'suggestion_accepted',
  'suggestion_dismissed',
] as const;
export type SelectionTimelineType = (typeof selectionTimelineTypes)[number];

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);
const join = (...parts: (string | null)[]) => parts.filter((p): p is string => !!p).join(' · ') || null;

export function selectionTimelineText(
  type: SelectionTimelineType,
  d: Record<string, unknown>,
  t: TFunction,
): { title: string; detail: string | null } {
  switch (type) {
    case 'rated': {
      const ratings = Array.isArray(d.ratings)
        ? (d.ratings as { criterion?: unknown; score?: unknown }[])
        : [];
      return {
        title: t('selection.timeline.rated'),
        detail: join(
          ...ratings.map((r) =>
            has(en.selection.criteria, r.criterion)
              ? `${t(`selection.criteria.${r.criterion}`)}: ${String(r.score)}`
              : null,
          ),
        ),
      };
    }
    case 'score_override':
      return { title: t('selection.timeline.override', { score: String(d.score ?? '') }), detail: null };
    case 'score_override_cleared':
      return { title: t('selection.timeline.overrideCleared'), detail: null };
    case 'issue_opened':
      return {
        title: t('selection.timeline.issueOpened'),
        detail: join(
          str(d.title),
          has(en.selection.severity, d.severity) ? t(`selection.severity.${d.severity}`) : null,
        ),
      };
    case 'issue_escalated':
      return { title: t('selection.timeline.issueEscalated'), detail: join(str(d.title), str(d.to)) };
    case 'issue_resolved':
      return { title: t('selection.timeline.issueResolved'), detail: join(str(d.title), str(d.resolution)) };
    case 'issue_reopened':
      return { title: t('selection.timeline.issueReopened'), detail: join(str(d.title)) };
    case 'insight':
      return {
        title: has(en.selection.insights.kind, d.kind)
          ? t('selection.timeline.insight', { kind: t(`selection.insights.kind.${d.kind}`) })
          : t('selection.timeline.insightPlain'),
        detail: join(
          str(d.market),
          str(d.product),
          str(d.body),
          d.source === 'portal' ? t('selection.insights.fromPortal') : null,
        ),
      };
    case 'suggestion_accepted':
    case 'suggestion_dismissed': {
      const kind = has(en.selection.today.kind, d.kind) ? t(`selection.today.kind.${d.kind}`) : null;
      return {
        title:
          type === 'suggestion_accepted'
            ? t('selection.timeline.accepted', { kind: kind ?? '' })
            : t('selection.timeline.dismissed', { kind: kind ?? '' }),
        detail: null,
      };
    }
  }
}
