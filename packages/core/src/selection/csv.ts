import type { insightListQuery } from '@evergreen/contracts';
import type { z } from 'zod';
import { getCreatorRow } from '../roster/index.ts';
import type { ActorCtx } from '../shared/context.ts';
import { writeCsv } from '../shared/csv-text.ts';
import { workspaceToday } from './creator-score.ts';
import { listInsights } from './insights.ts';
import { listIssues } from './issues.ts';

/**
 * The selection tables as CSV, written like the reports' (UTF-8 BOM, CRLF, formulas neutralised):
 * the insights log with the same filters as the page, and a creator's issues and escalations.
 */
export async function exportInsightsCsv(
  ctx: ActorCtx,
  query: z.input<typeof insightListQuery>,
): Promise<{ filename: string; csv: string }> {
  const insights = await listInsights(ctx, query, null);
  const today = await workspaceToday(ctx.db, ctx.actor.workspaceId, ctx.clock);
  const header = ['Heard on', 'Creator', 'Creator id', 'Kind', 'Market', 'Product', 'Insight', 'Logged by'];
  const rows = insights.map((i) => [
    i.heardOn,
    i.creatorName,
    i.creatorId,
    i.kind,
    i.market ?? '',
    i.product ?? '',
    i.body,
    i.byName ?? '',
  ]);
  const parts = [query.market, query.kind].filter((p): p is string => !!p).map((p) => p.toLowerCase());
  return { filename: `${['insights', ...parts, today].join('-')}.csv`, csv: writeCsv(header, rows) };
}

export async function exportIssuesCsv(
  ctx: ActorCtx,
  creatorId: string,
): Promise<{ filename: string; csv: string }> {
  const issues = await listIssues(ctx, creatorId);
  const creator = await getCreatorRow(ctx.db, ctx.actor.workspaceId, creatorId);
  const today = await workspaceToday(ctx.db, ctx.actor.workspaceId, ctx.clock);
  const header = [
    'Creator',
    'Creator id',
    'Title',
    'Severity',
    'Status',
    'Owner',
    'Owner id',
    'Escalation step',
    'Escalated to',
    'Opened on',
    'Resolved on',
    'Resolution',
  ];
  const rows = issues.map((i) => [
    creator.displayName,
    creatorId,
    i.title,
    i.severity,
    i.status,
    i.ownerName ?? '',
    i.ownerUserId ?? '',
    String(i.escalationLevel + 1),
    i.escalatedTo ?? '',
    i.openedOn,
    i.resolvedOn ?? '',
    i.resolution ?? '',
  ]);
  return { filename: `issues-${creatorId.slice(0, 8)}-${today}.csv`, csv: writeCsv(header, rows) };
}
