import type { CreatorRoiRow, CreatorsReport, PartnershipGroup, ReportQuery } from '@evergreen/contracts';
import { queryRows } from '@evergreen/db';
import { sql } from 'drizzle-orm';
import type { ActorCtx } from '../../shared/context.ts';
import { creatorIsPartner, groupCtes, groupLabel } from './classify.ts';
import { reportScope } from './common.ts';
import { lifeMeasures, lifeRows, measureRows, reportSettings, toMeasures } from './measures.ts';

/**
 * ROI by creator: one row per creator with a sponsored live post or an attributed order in the
 * period, with every measure and the life-of-partnership cost per 1,000 reach. By name.
 */
export async function getCreatorsReport(ctx: ActorCtx, q: ReportQuery): Promise<CreatorsReport> {
  const { ws, period } = await reportScope(ctx, { from: q.from, to: q.to });
  const settings = await reportSettings(ctx.db, ws);
  // Independent reads: on PostgreSQL they run at once on separate pooled connections.
  const [rows, life, people] = await Promise.all([
    measureRows(ctx.db, ws, period, settings.repeatHorizonDays, 'creator'),
    lifeRows(ctx.db, ws),
    queryRows<{ id: string; name: string; tier: number; g: PartnershipGroup }>(
      ctx.db,
      sql`with ${groupCtes(ws)}
      select c.id::text as id, c.display_name as name, c.tier, ${groupLabel(creatorIsPartner('c.id'))} as g
      from creators c where c.workspace_id = ${ws}`,
    ),
  ]);
  const who = new Map(people.map((p) => [p.id, p]));
  const creators: CreatorRoiRow[] = rows
    .filter((r) => who.has(r.k))
    .map((r) => {
      const p = who.get(r.k)!;
      return {
        creatorId: p.id,
        name: p.name,
        tier: Number(p.tier),
        group: p.g,
        ...toMeasures(r),
        ...lifeMeasures(life.get(r.k)),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'en') || a.creatorId.localeCompare(b.creatorId));
  return { period: { from: period.from, to: period.to }, currency: settings.currency, creators };
}
