import {
  creators,
  type Db,
  monthlySummaries,
  monthlySummarySettings,
  outboxMessages,
  portalAccess,
  queryRows,
  workspaces,
} from '@evergreen/db';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { firstRow } from '../shared/rows.ts';
import { creatorWithWorkspace } from './queries.ts';

/** The statements of the monthly summaries (portal/monthly.ts). */

export async function allWorkspaces(db: Db) {
  return db
    .select({
      id: workspaces.id,
      name: workspaces.name,
      timeZone: workspaces.timeZone,
      language: workspaces.defaultLanguage,
    })
    .from(workspaces);
}

/**
 * Active creators of a workspace with no summary row for `month` yet, who were on the roster
 * before the month ended (in the workspace's time zone): a creator added, or a roster imported,
 * after the month is over is not sent a summary of it out of the blue.
 */
export async function creatorsToSummarise(db: Db, workspaceId: string, month: string, timeZone: string) {
  return queryRows<{ id: string }>(
    db,
    sql`select c.id from creators c
      where c.workspace_id = ${workspaceId} and c.status = 'active'
        and c.created_at < ((${`${month}-01`}::date + interval '1 month')::timestamp at time zone ${timeZone})
        and not exists (select 1 from monthly_summaries m
          where m.workspace_id = c.workspace_id and m.creator_id = c.id and m.month = ${month})
      order by c.id`,
  );
}

export async function summaryCreator(db: Db, workspaceId: string, creatorId: string) {
  return creatorWithWorkspace(db, workspaceId, creatorId, {
    id: creators.id,
    name: creators.displayName,
    greetingName: creators.greetingName,
    email: creators.email,
    status: creators.status,
    languages: creators.languages,
    workspaceName: workspaces.name,
    workspaceLanguage: workspaces.defaultLanguage,
    timeZone: workspaces.timeZone,
  });
}

/** The creator's settings (locked when `lock`: the job takes the note it clears). */
export async function settingsOf(db: Db, workspaceId: string, creatorId: string, lock = false) {
  const row = await firstRow(
    db
      .select({
        enabled: monthlySummarySettings.enabled,
        creatorOptOut: monthlySummarySettings.creatorOptOut,
        note: monthlySummarySettings.note,
      })
      .from(monthlySummarySettings)
      .where(
        and(
          eq(monthlySummarySettings.workspaceId, workspaceId),
          eq(monthlySummarySettings.creatorId, creatorId),
        ),
      ),
    lock,
  );
  return {
    enabled: row?.enabled ?? true,
    creatorOptOut: row?.creatorOptOut ?? false,
    note: row?.note ?? null,
  };
}

/**
 * The creator's own choice, written by one statement (insert or update of their row only), so
 * racing requests cannot lose the manager's switch or note: they touch other columns.
 */
export async function setCreatorOptOut(
  db: Db,
  v: { workspaceId: string; creatorId: string; optOut: boolean; now: Date },
) {
  await db
    .insert(monthlySummarySettings)
    .values({
      workspaceId: v.workspaceId,
      creatorId: v.creatorId,
      creatorOptOut: v.optOut,
      creatorOptOutAt: v.optOut ? v.now : null,
      updatedAt: v.now,
    })
    .onConflictDoUpdate({
      target: [monthlySummarySettings.workspaceId, monthlySummarySettings.creatorId],
      set: { creatorOptOut: v.optOut, creatorOptOutAt: v.optOut ? v.now : null, updatedAt: v.now },
    });
}

export async function upsertSettings(
  db: Db,
  v: {
    workspaceId: string;
    creatorId: string;
    enabled: boolean;
    note: string | null;
    by: string | null;
    now: Date;
  },
) {
  await db
    .insert(monthlySummarySettings)
    .values({
      workspaceId: v.workspaceId,
      creatorId: v.creatorId,
      enabled: v.enabled,
      note: v.note,
      updatedBy: v.by,
      updatedAt: v.now,
    })
    .onConflictDoUpdate({
      target: [monthlySummarySettings.workspaceId, monthlySummarySettings.creatorId],
      set: { enabled: v.enabled, note: v.note, updatedBy: v.by, updatedAt: v.now },
    });
}

export async function clearNote(db: Db, workspaceId: string, creatorId: string) {
  await db
    .update(monthlySummarySettings)
    .set({ note: null })
    .where(
      and(
        eq(monthlySummarySettings.workspaceId, workspaceId),
        eq(monthlySummarySettings.creatorId, creatorId),
      ),
    );
}

/**
 * Claims a creator's month: the unique key (workspace, creator, month) lets one insert through,
 * whichever process or run gets there first; the others get nothing back.
 */
export async function claimMonth(
  db: Db,
  v: {
    workspaceId: string;
    creatorId: string;
    month: string;
    status: 'queued' | 'opted_out' | 'creator_opted_out' | 'no_email';
    note: string | null;
    now: Date;
  },
) {
  const [row] = await db
    .insert(monthlySummaries)
    .values({
      workspaceId: v.workspaceId,
      creatorId: v.creatorId,
      month: v.month,
      status: v.status,
      note: v.note,
      createdAt: v.now,
    })
    .onConflictDoNothing()
    .returning({ id: monthlySummaries.id });
  return row?.id ?? null;
}

export async function setSummaryMessage(db: Db, id: string, outboxMessageId: string | null) {
  await db.update(monthlySummaries).set({ outboxMessageId }).where(eq(monthlySummaries.id, id));
}

export async function liveAccess(db: Db, workspaceId: string, creatorId: string) {
  const [row] = await db
    .select()
    .from(portalAccess)
    .where(
      and(
        eq(portalAccess.workspaceId, workspaceId),
        eq(portalAccess.creatorId, creatorId),
        isNull(portalAccess.revokedAt),
      ),
    );
  return row;
}

/** The latest summaries of a creator with their email's state, newest first. */
export async function summaryHistory(db: Db, workspaceId: string, creatorId: string, limit = 12) {
  return db
    .select({
      month: monthlySummaries.month,
      status: monthlySummaries.status,
      createdAt: monthlySummaries.createdAt,
      mailStatus: outboxMessages.status,
      sentAt: outboxMessages.sentAt,
      nextAttemptAt: outboxMessages.nextAttemptAt,
      lastError: outboxMessages.lastError,
      to: outboxMessages.toAddress,
    })
    .from(monthlySummaries)
    .leftJoin(outboxMessages, eq(outboxMessages.id, monthlySummaries.outboxMessageId))
    .where(and(eq(monthlySummaries.workspaceId, workspaceId), eq(monthlySummaries.creatorId, creatorId)))
    .orderBy(desc(monthlySummaries.month))
    .limit(limit);
}

export interface MonthPost {
  title: string | null;
  platform: string | null;
  url: string | null;
  posted_at: Date | string;
  eng: string | null;
}

/** The creator's live posts published in [start, end). */
export async function postsBetween(
  db: Db,
  workspaceId: string,
  creatorId: string,
  start: string,
  end: string,
) {
  return queryRows<MonthPost>(
    db,
    sql`select title, platform::text as platform, url, posted_at,
        (latest_engagements::numeric / nullif(latest_basis, 0))::text as eng
      from deliverables
      where workspace_id = ${workspaceId} and creator_id = ${creatorId} and status = 'live'
        and posted_at >= ${start} and posted_at < ${end}
      order by posted_at, id limit 20`,
  );
}
