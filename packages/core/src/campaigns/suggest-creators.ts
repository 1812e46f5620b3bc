import type { Suggestion } from '@evergreen/contracts';
import { queryRows } from '@evergreen/db';
import { addDays, toDay } from '@evergreen/rules';
import { sql } from 'drizzle-orm';
import { loadOverrides, monthStart, scoreAll, WINDOW_DAYS } from '../selection/index.ts';
import { requireRole } from '../shared/access.ts';
import type { ActorCtx } from '../shared/context.ts';
import { getCampaignRow } from './queries.ts';
import { type RotationCandidate, rankCandidates } from './rotation.ts';

interface CandidateRow {
  id: string;
  display_name: string;
  tier: number;
  status: RotationCandidate['status'];
  markets: string[];
  lead_time_days: number | null;
  last_campaign_on: string | null;
  last_deliverable_on: string | null;
  active_briefs: number;
  notice_given: boolean;
  cost: number | string | null;
  revenue: number | string | null;
}

/**
 * Creators to rotate a campaign through, best first, each with the reasons for their score.
 * Facts come from the database in one query (last campaign and deliverable, active briefs,
 * agreements in notice); the ranking is the pure rule in rotation.ts. Creators who already have
 * a brief in this campaign, and alumni, are left out.
 */
export async function suggestCreators(
  { db, clock, actor }: ActorCtx,
  campaignId: string,
): Promise<{ campaignId: string; suggestions: Suggestion[] }> {
  requireRole(actor, 'analyst');
  const campaign = await getCampaignRow(db, actor.workspaceId, campaignId);
  const today = toDay(clock.now());
  const ws = actor.workspaceId;
  // Results per dollar over the score's 12-month window (docs/selection.md).
  const from = addDays(today, -WINDOW_DAYS);
  const fromMonth = monthStart(today, 11);
  const scores = await scoreAll(db, ws, today);
  const overrides = await loadOverrides(db, ws);
  const rows = await queryRows<CandidateRow>(
    db,
    sql`
    select c.id, c.display_name, c.tier, c.status, c.markets, c.lead_time_days,
      (select to_char(max(least(k.ends_on, ${today}::date)), 'YYYY-MM-DD')
         from briefs b join campaigns k on k.workspace_id = b.workspace_id and k.id = b.campaign_id
        where b.workspace_id = c.workspace_id and b.creator_id = c.id and k.id <> ${campaignId}
          and b.status <> 'cancelled' and k.status <> 'cancelled' and k.starts_on <= ${today}::date
      ) as last_campaign_on,
      (select to_char(max(coalesce((d.posted_at at time zone 'UTC')::date, d.due_on)), 'YYYY-MM-DD')
         from deliverables d
        where d.workspace_id = c.workspace_id and d.creator_id = c.id and d.status <> 'missed'
          and coalesce((d.posted_at at time zone 'UTC')::date, d.due_on) <= ${today}::date
      ) as last_deliverable_on,
      (select count(*)::int
         from briefs b join campaigns k on k.workspace_id = b.workspace_id and k.id = b.campaign_id
        where b.workspace_id = c.workspace_id and b.creator_id = c.id and k.id <> ${campaignId}
          and b.status in ('sent', 'accepted', 'change_requested')
          and k.status not in ('done', 'cancelled') and k.ends_on >= ${today}::date
      ) as active_briefs,
      exists (select 1 from agreements a
               where a.workspace_id = c.workspace_id and a.creator_id = c.id and a.status = 'notice_given'
      ) as notice_given,
      (select sum(d.cost_reporting_minor)::float8 from deliverables d
        where d.workspace_id = c.workspace_id and d.creator_id = c.id and d.ordinal is not null
          and d.posted_at >= (${from}::date)::timestamp at time zone 'UTC') as cost,
      (select sum(f.revenue_minor)::float8 from creator_period_facts f
        where f.workspace_id = c.workspace_id and f.creator_id = c.id and f.grain = 'month'
          and f.starts_on >= ${fromMonth}::date) as revenue
    from creators c
    where c.workspace_id = ${ws} and c.status <> 'alumni'
      and not exists (select 1 from briefs b
                       where b.workspace_id = c.workspace_id and b.creator_id = c.id and b.campaign_id = ${campaignId})`,
  );
  const latest = (a: string | null, b: string | null) => (a && b ? (a > b ? a : b) : (a ?? b));
  const candidates: RotationCandidate[] = rows.map((r) => ({
    creatorId: r.id,
    displayName: r.display_name,
    tier: Number(r.tier),
    status: r.status,
    markets: r.markets ?? [],
    leadTimeDays: r.lead_time_days == null ? null : Number(r.lead_time_days),
    lastActivityOn: latest(r.last_campaign_on, r.last_deliverable_on),
    activeBriefs: Number(r.active_briefs),
    noticeGiven: r.notice_given === true || (r.notice_given as unknown) === 't',
    potential: overrides.get(r.id)?.score ?? scores.get(r.id)?.result.score ?? null,
    resultsPerDollar: Number(r.cost) > 0 && r.revenue != null ? Number(r.revenue) / Number(r.cost) : null,
  }));
  const ranked = rankCandidates(
    candidates,
    {
      markets: campaign.markets,
      startsOn: campaign.startsOn,
      kind: campaign.kind as 'regular' | 'strategic_launch',
    },
    today,
  );
  return {
    campaignId,
    suggestions: ranked.map((c) => ({
      creatorId: c.creatorId,
      displayName: c.displayName,
      tier: c.tier,
      status: c.status,
      markets: c.markets,
      score: c.score,
      reasons: c.reasons,
      warnings: c.warnings,
    })),
  };
}
