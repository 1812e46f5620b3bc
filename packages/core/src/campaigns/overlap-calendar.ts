import { createHash } from 'node:crypto';
import type {
  NotifyOverlapRequest,
  NotifyOverlapResult,
  OverlapCalendar,
  OverlapNoticePreview,
  overlapQuery,
} from '@evergreen/contracts';
import { notifyOverlapRequest } from '@evergreen/contracts';
import type { Db } from '@evergreen/db';
import { addDays, toDay } from '@evergreen/rules';
import type { z } from 'zod';
import { recordAudit } from '../audit/index.ts';
import type { Mailer } from '../mail/index.ts';
import { CREATOR_MESSAGE } from '../mail/index.ts';
import {
  compose,
  deliverAndReport,
  type QueuedMessage,
  queueCreatorMessage,
  toPreview,
} from '../messaging/index.ts';
import { getCreatorRow } from '../roster/index.ts';
import { requireRole } from '../shared/access.ts';
import type { ActorCtx } from '../shared/context.ts';
import { invalid, notFound } from '../shared/errors.ts';
import { findOverlaps, type OverlapPair, type Window, windowMarkets } from './overlap.ts';
import {
  activityWindowRows,
  briefCreatorsIn,
  campaignRowsByIds,
  liveDedupeKeysLike,
  windowDaysOf,
} from './queries.ts';

/** Without dates, the calendar shows a month back and half a year ahead. */
const DEFAULT_BACK_DAYS = 30;
const DEFAULT_AHEAD_DAYS = 180;
const MAX_RANGE_DAYS = 800;

/**
 * Every creator's activity windows that touch [from, to] (see activityWindowRows), by start day,
 * creator and kind.
 */
async function loadWindows(db: Db, workspaceId: string, from: string, to: string): Promise<Window[]> {
  const rows = await activityWindowRows(db, workspaceId, from, to);
  return rows
    .map((r) => ({
      kind: r.kind,
      creatorId: r.creator_id,
      creatorName: r.creator_name,
      campaignId: r.campaign_id,
      campaignName: r.campaign_name,
      deliverableId: r.deliverable_id,
      products: r.products ?? [],
      markets: windowMarkets(r.markets ?? [], r.creator_markets ?? []),
      startsOn: r.starts_on,
      endsOn: r.ends_on,
    }))
    .sort((a, b) =>
      a.startsOn !== b.startsOn
        ? a.startsOn < b.startsOn
          ? -1
          : 1
        : a.creatorName.localeCompare(b.creatorName) || a.kind.localeCompare(b.kind),
    );
}

const NOTICE_PREFIX = `${CREATOR_MESSAGE}:overlap:`;
const NOTICE_TEMPLATE = 'overlap_notice';
const idempotencyKey = (key: string, creatorId: string) => `overlap:${key}:${creatorId}`;

async function notifiedKeys(db: Db, workspaceId: string): Promise<Set<string>> {
  const rows = await liveDedupeKeysLike(db, workspaceId, NOTICE_PREFIX);
  return new Set(rows.map((r) => r.k.slice(NOTICE_PREFIX.length).split(':')[0]!));
}

/**
 * The overlap calendar between two days: activity windows that touch the range, and the
 * overlaps among them under the workspace's overlap window (see overlap.ts for the rule).
 */
export async function overlapCalendar(
  { db, clock, actor }: ActorCtx,
  q: z.infer<typeof overlapQuery>,
): Promise<OverlapCalendar> {
  requireRole(actor, 'analyst');
  const today = toDay(clock.now());
  const from = q.from ?? addDays(today, -DEFAULT_BACK_DAYS);
  const to = q.to ?? addDays(from, DEFAULT_BACK_DAYS + DEFAULT_AHEAD_DAYS);
  if (to < from) throw invalid('to', 'must be on or after from', 'before_from');
  if (addDays(from, MAX_RANGE_DAYS) < to)
    throw invalid('to', `must be at most ${MAX_RANGE_DAYS} days after from`, 'too_big');
  const n = await windowDaysOf(db, actor.workspaceId);
  // Windows just outside the range can still overlap windows inside it.
  const all = await loadWindows(db, actor.workspaceId, addDays(from, -n), addDays(to, n));
  const inRange = (w: { startsOn: string; endsOn: string }) => w.endsOn >= from && w.startsOn <= to;
  const told = await notifiedKeys(db, actor.workspaceId);
  return {
    from,
    to,
    overlapWindowDays: n,
    windows: all.filter(inRange),
    overlaps: findOverlaps(all, n)
      .filter(inRange)
      .map((o) => ({ ...o, notified: told.has(o.key) })),
  };
}

interface Notice {
  key: string;
  creatorIds: string[];
  facts: { products: string[]; markets: string[]; from: string; to: string };
}

const manualKey = (campaignIds: string[], creatorIds: string[]) =>
  `m${createHash('sha256')
    .update(`${[...campaignIds].sort().join(',')}|${[...creatorIds].sort().join(',')}`)
    .digest('hex')
    .slice(0, 23)}`;

const common = (lists: string[][]) => {
  const [first = [], ...rest] = lists;
  const both = first.filter((x) => rest.every((l) => l.includes(x)));
  return both.length ? both : [...new Set(lists.flat())];
};

/** The creators and facts of a notice given as campaigns and creators, each checked in this workspace. */
async function manualNotice(
  db: Db,
  workspaceId: string,
  campaignIds: string[],
  creatorIds: string[],
): Promise<Notice> {
  const ks = await campaignRowsByIds(db, workspaceId, campaignIds);
  if (ks.length !== new Set(campaignIds).size) throw notFound('Campaign');
  const creatorRows = [];
  for (const id of new Set(creatorIds)) creatorRows.push(await getCreatorRow(db, workspaceId, id));
  const bs = await briefCreatorsIn(db, workspaceId, campaignIds, creatorIds);
  const withBrief = new Set(bs.map((b) => b.creatorId));
  creatorIds.forEach((id, i) => {
    if (!withBrief.has(id))
      throw invalid(`creatorIds.${i}`, 'has no brief in these campaigns', 'not_in_campaign');
  });
  const markets = common(ks.map((k) => k.markets));
  return {
    key: manualKey(campaignIds, creatorIds),
    creatorIds: creatorRows.map((c) => c.id),
    facts: {
      products: common(ks.map((k) => k.products)),
      markets: markets,
      from: ks.map((k) => k.startsOn).sort()[0]!,
      to: ks
        .map((k) => k.endsOn)
        .sort()
        .at(-1)!,
    },
  };
}

const noticeOf = (o: OverlapPair): Notice => ({
  key: o.key,
  creatorIds: o.windows.map((w) => w.creatorId),
  facts: { products: o.products, markets: o.markets, from: o.startsOn, to: o.endsOn },
});

async function findNotice(ctx: ActorCtx, data: NotifyOverlapRequest): Promise<Notice> {
  const { db, actor } = ctx;
  if (data.overlapKey) {
    const n = await windowDaysOf(db, actor.workspaceId);
    const all = await loadWindows(db, actor.workspaceId, '0001-01-01', '9999-12-31');
    const found = findOverlaps(all, n).find((o) => o.key === data.overlapKey);
    if (!found) throw notFound('Overlap');
    return noticeOf(found);
  }
  return manualNotice(db, actor.workspaceId, data.campaignIds!, data.creatorIds!);
}

/** What each creator of an overlap would be told, in their language, for the manager to read and edit. */
export async function previewOverlapNotice(
  ctx: ActorCtx,
  input: NotifyOverlapRequest,
): Promise<OverlapNoticePreview> {
  requireRole(ctx.actor, 'manager');
  const data = notifyOverlapRequest.parse(input);
  const notice = await findNotice(ctx, data);
  const messages: OverlapNoticePreview['messages'] = [];
  for (const creatorId of notice.creatorIds) {
    const m = await compose(ctx, creatorId, { templateKey: NOTICE_TEMPLATE }, { overlap: notice.facts });
    messages.push({ ...toPreview(m), creatorId, creatorName: m.creatorName });
  }
  return { key: notice.key, messages };
}

/**
 * "Tell the creators involved": each creator of an overlap (or the creators given, in the
 * campaigns given) gets the overlap notice in their language (or the text the manager edited in
 * the preview), through the outbox, sent at once when SMTP is configured. Idempotent per overlap
 * and creator: asking again queues nothing new. The answer says, per creator, what really
 * happened: sent, queued and why, or (no email address) the text to send by hand.
 */
export async function notifyOverlap(
  ctx: ActorCtx,
  input: NotifyOverlapRequest,
  deps: { mailer: Mailer },
): Promise<NotifyOverlapResult> {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'manager');
  const data = notifyOverlapRequest.parse(input);
  const notice = await findNotice(ctx, data);
  data.messages?.forEach((m, i) => {
    if (!notice.creatorIds.includes(m.creatorId))
      throw invalid(
        `messages.${i}.creatorId`,
        'is not one of the creators of this overlap',
        'not_in_overlap',
      );
  });
  const queued: QueuedMessage[] = [];
  for (const creatorId of notice.creatorIds) {
    const edited = data.messages?.find((m) => m.creatorId === creatorId);
    queued.push(
      await queueCreatorMessage(
        ctx,
        creatorId,
        {
          templateKey: NOTICE_TEMPLATE,
          ...(edited ? { subject: edited.subject, body: edited.body } : {}),
          idempotencyKey: idempotencyKey(notice.key, creatorId),
        },
        { overlap: notice.facts },
      ),
    );
  }
  if (queued.some((q) => q.messageId && !q.deduplicated))
    await recordAudit(
      db,
      actor,
      {
        action: 'overlap.notified',
        entityType: 'overlap',
        entityId: notice.key,
        changes: { creatorIds: notice.creatorIds, ...notice.facts },
      },
      clock.now(),
    );
  return { key: notice.key, outcomes: await deliverAndReport(ctx, queued, deps.mailer) };
}
