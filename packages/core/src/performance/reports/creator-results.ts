import type { CreatorResultsReport, PartnershipGroup, ReportQuery } from '@evergreen/contracts';
import { queryRows } from '@evergreen/db';
import { sql } from 'drizzle-orm';
import { requireRole } from '../../shared/access.ts';
import { type ActorCtx, isoRequired } from '../../shared/context.ts';
import { invalid } from '../../shared/errors.ts';
import { creatorIsPartner, groupCtes, groupLabel } from './classify.ts';
import { requireCreator } from './common.ts';
import { compoundingCurve } from './compounding.ts';
import { lagSummaries } from './conversion-lag.ts';
import {
  emptyRaw,
  lifeMeasures,
  lifeRows,
  measureRows,
  rate6,
  reportSettings,
  toMeasures,
} from './measures.ts';
import { resolvePeriod } from './period.ts';
import { roundDecimal } from './stats.ts';

/** How many recent posts the results tab lists. */
export const RECENT_POSTS = 10;

/**
 * The creator page's results tab: the creator's measures in the period, their compounding curve,
 * conversion lag, life-of-partnership cost per reach and last 10 live posts. Every statement is
 * filtered by (workspace_id, creator_id) on indexed columns.
 */
export async function getCreatorResults(ctx: ActorCtx, q: ReportQuery): Promise<CreatorResultsReport> {
  requireRole(ctx.actor, 'analyst');
  if (!q.creatorId) throw invalid('creatorId', 'is required for this report', 'required');
  const period = resolvePeriod(q, ctx.clock);
  const creator = await requireCreator(ctx, q.creatorId);
  const ws = ctx.actor.workspaceId;
  const settings = await reportSettings(ctx.db, ws);
  const [raw] = await measureRows(ctx.db, ws, period, settings.repeatHorizonDays, 'total', creator.id);
  const life = await lifeRows(ctx.db, ws, creator.id);
  const [g] = await queryRows<{ g: PartnershipGroup }>(
    ctx.db,
    sql`with ${groupCtes(ws)}, me as (select ${creator.id}::uuid as id)
      select ${groupLabel(creatorIsPartner('me.id'))} as g from me`,
  );
  const curve = await compoundingCurve(ctx.db, ws, period, creator.id);
  const { overall } = await lagSummaries(ctx.db, ws, period, {
    creatorId: creator.id,
    perCreator: false,
    groups: false,
  });
  const posts = await queryRows<{
    id: string;
    title: string | null;
    platform: string | null;
    url: string | null;
    posted_at: Date | string;
    ordinal: number | null;
    sponsored: boolean;
    basis: number | null;
    eng: string | null;
    d1: string | null;
    d7: string | null;
    cost: number | null;
  }>(
    ctx.db,
    sql`select id, title, platform::text as platform, url, posted_at, ordinal, sponsored, latest_basis as basis,
        (latest_engagements::numeric / nullif(latest_basis, 0))::text as eng,
        (day1_engagements::numeric / nullif(day1_basis, 0))::text as d1,
        (day7_engagements::numeric / nullif(day7_basis, 0))::text as d7,
        cost_reporting_minor as cost
      from deliverables
      where workspace_id = ${ws} and creator_id = ${creator.id} and status = 'live' and posted_at is not null
      order by posted_at desc, id desc limit ${RECENT_POSTS}`,
  );
  return {
    period: { from: period.from, to: period.to },
    currency: settings.currency,
    creator,
    group: g?.g ?? 'one_off',
    measures: toMeasures(raw ?? emptyRaw(creator.id)),
    ...lifeMeasures(life.get(creator.id)),
    curve,
    lag: overall,
    recentPosts: posts.map((p) => ({
      id: p.id,
      title: p.title,
      platform: p.platform,
      url: p.url,
      postedAt: isoRequired(p.posted_at),
      ordinal: p.ordinal == null ? null : Number(p.ordinal),
      sponsored: p.sponsored,
      reach: p.basis == null ? null : Number(p.basis),
      engagementRate: rate6(p.eng),
      day1Rate: roundDecimal(p.d1, 6),
      day7Rate: roundDecimal(p.d7, 6),
      costMinor: p.cost == null ? null : Number(p.cost),
    })),
  };
}
