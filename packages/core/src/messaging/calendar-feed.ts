import type { CalendarFeedStatus, CreatedCalendarFeed, Language } from '@evergreen/contracts';
import { nextCheckIn, toDay } from '@evergreen/rules';
import { recordAudit } from '../audit/index.ts';
import { cadenceInput, loadTiers } from '../roster/index.ts';
import { requireRole } from '../shared/access.ts';
import { type ActorCtx, type Ctx, iso, isoRequired } from '../shared/context.ts';
import { AppError } from '../shared/errors.ts';
import { randomToken, sha256 } from '../shared/secrets.ts';
import { type IcsEvent, icsCalendar } from './ical.ts';
import {
  activeCreatorsOwnedOrUnowned,
  calendarFeedByHash,
  calendarFeedOf,
  deleteCalendarFeedRow,
  upsertCalendarFeed,
  userLocale,
  workspaceRow,
} from './queries.ts';

export interface CheckInDue {
  creatorId: string;
  creatorName: string;
  tier: number;
  cadenceDays: number;
  lastTouchpointOn: string | null;
  /** The next check-in by the cadence rules. */
  dueOn: string;
  snoozedUntil: string | null;
}

const words = {
  en: {
    summary: (n: string) => `Check in with ${n}`,
    overdue: ' (overdue)',
    tier: (t: number, c: number) => `Tier ${t} · every ${c} days`,
    last: (d: string | null) => `Last touchpoint: ${d ?? 'none yet'}`,
    due: (d: string) => `Due: ${d}`,
    snoozed: (d: string) => `Snoozed until ${d}`,
    calendar: (w: string) => `Evergreen check-ins (${w})`,
  },
  ru: {
    summary: (n: string) => `Связаться: ${n}`,
    overdue: ' (просрочено)',
    tier: (t: number, c: number) => `Уровень ${t} · раз в ${c} дн.`,
    last: (d: string | null) => `Последний контакт: ${d ?? 'ещё не было'}`,
    due: (d: string) => `Срок: ${d}`,
    snoozed: (d: string) => `Отложено до ${d}`,
    calendar: (w: string) => `Evergreen: связаться (${w})`,
  },
} satisfies Record<Language, unknown>;

/**
 * One all-day event per creator on their next check-in (or the day a snooze ends, if later).
 * Overdue check-ins sit on today, marked as such, until someone gets in touch. The UID is the
 * creator and the due date, so an event keeps its identity while it waits.
 */
export function checkInEvents(
  items: CheckInDue[],
  today: string,
  lang: Language,
  link: { host: string; creatorUrl: (creatorId: string) => string },
): IcsEvent[] {
  const w = words[lang];
  return items
    .map((c) => {
      const snoozed = c.snoozedUntil != null && c.snoozedUntil > today && c.snoozedUntil > c.dueOn;
      const day = snoozed ? c.snoozedUntil! : c.dueOn;
      const overdue = day < today;
      return {
        uid: `checkin-${c.creatorId}-${c.dueOn.replaceAll('-', '')}@${link.host}`,
        date: overdue ? today : day,
        summary: w.summary(c.creatorName) + (overdue ? w.overdue : ''),
        description: [
          w.tier(c.tier, c.cadenceDays),
          w.last(c.lastTouchpointOn),
          w.due(c.dueOn),
          ...(snoozed ? [w.snoozed(c.snoozedUntil!)] : []),
        ].join('\n'),
        url: link.creatorUrl(c.creatorId),
        name: c.creatorName,
      };
    })
    .sort((a, b) => a.date.localeCompare(b.date) || a.name.localeCompare(b.name))
    .map(({ name: _n, ...e }) => e);
}

function requirePerson(ctx: ActorCtx): string {
  requireRole(ctx.actor, 'analyst');
  if (!ctx.actor.userId)
    throw new AppError(
      'forbidden',
      'A calendar feed belongs to a person: sign in instead of using an API token',
    );
  return ctx.actor.userId;
}

const feedUrl = (publicUrl: string, token: string) =>
  `${publicUrl.replace(/\/$/, '')}/api/v1/calendar/${token}.ics`;

export async function getCalendarFeed(ctx: ActorCtx): Promise<CalendarFeedStatus> {
  const userId = requirePerson(ctx);
  const f = await calendarFeedOf(ctx.db, ctx.actor.workspaceId, userId);
  return { exists: !!f, createdAt: iso(f?.createdAt), rotatedAt: iso(f?.rotatedAt) };
}

/**
 * Creates the caller's feed, or gives it a new secret: the old URL stops working at once. The
 * URL is returned only here (only its hash is stored).
 */
export async function rotateCalendarFeed(
  ctx: ActorCtx,
  deps: { publicUrl: string },
): Promise<CreatedCalendarFeed> {
  const userId = requirePerson(ctx);
  const { db, clock, actor } = ctx;
  const now = clock.now();
  const token = randomToken();
  return db.transaction(async (tx) => {
    const row = await upsertCalendarFeed(tx, actor.workspaceId, userId, sha256(token), now);
    await recordAudit(
      tx,
      actor,
      {
        action: row!.rotatedAt ? 'calendar_feed.rotated' : 'calendar_feed.created',
        entityType: 'calendar_feed',
        entityId: userId,
      },
      now,
    );
    return {
      url: feedUrl(deps.publicUrl, token),
      createdAt: isoRequired(row!.createdAt),
      rotatedAt: iso(row!.rotatedAt),
    };
  });
}

/** Turns the caller's feed off; its URL stops working. */
export async function deleteCalendarFeed(ctx: ActorCtx): Promise<void> {
  const userId = requirePerson(ctx);
  const { db, clock, actor } = ctx;
  await db.transaction(async (tx) => {
    const gone = await deleteCalendarFeedRow(tx, actor.workspaceId, userId);
    if (gone.length)
      await recordAudit(
        tx,
        actor,
        { action: 'calendar_feed.deleted', entityType: 'calendar_feed', entityId: userId },
        clock.now(),
      );
  });
}

/**
 * The iCalendar text of a feed, by its secret token; null for an unknown token or a person who
 * is no longer on the team. Their own active creators and the unowned ones: what nobody owns
 * is everybody's to pick up.
 */
export async function calendarFeedText(
  { db, clock }: Ctx,
  token: string,
  deps: { publicUrl: string },
): Promise<string | null> {
  const feed = await calendarFeedByHash(db, sha256(token));
  if (!feed || feed.role === 'creator') return null;
  const w = await workspaceRow(db, feed.workspaceId);
  const u = await userLocale(db, feed.userId);
  const lang: Language = u?.locale === 'ru' ? 'ru' : 'en';
  const rows = await activeCreatorsOwnedOrUnowned(db, feed.workspaceId, feed.userId);
  const tiers = await loadTiers(db, feed.workspaceId);
  const due: CheckInDue[] = [];
  for (const c of rows) {
    const input = cadenceInput(c, tiers);
    const dueOn = nextCheckIn(input);
    if (dueOn == null) continue;
    due.push({
      creatorId: c.id,
      creatorName: c.displayName,
      tier: c.tier,
      cadenceDays: (c.cadenceDaysOverride ?? tiers.get(c.tier)?.cadenceDays)!,
      lastTouchpointOn: c.lastTouchpointOn,
      dueOn,
      snoozedUntil: c.snoozedUntil,
    });
  }
  const now = clock.now();
  const base = deps.publicUrl.replace(/\/$/, '');
  return icsCalendar({
    name: words[lang].calendar(w!.name),
    now,
    events: checkInEvents(due, toDay(now), lang, {
      host: new URL(base).hostname,
      creatorUrl: (id) => `${base}/w/${feed.workspaceId}/creators/${id}`,
    }),
  });
}
