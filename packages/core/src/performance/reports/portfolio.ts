import type { PortfolioReport, ReportQuery } from '@evergreen/contracts';
import type { ActorCtx } from '../../shared/context.ts';
import { reportScope } from './common.ts';
import { emptyRaw, measureRows, reportSettings, toMeasures } from './measures.ts';

/** The whole workspace's totals and ROI over the period. */
export async function getPortfolioReport(ctx: ActorCtx, q: ReportQuery): Promise<PortfolioReport> {
  const { ws, period } = await reportScope(ctx, { from: q.from, to: q.to });
  const settings = await reportSettings(ctx.db, ws);
  const [raw] = await measureRows(ctx.db, ws, period, settings.repeatHorizonDays, 'total');
  return {
    period: { from: period.from, to: period.to },
    currency: settings.currency,
    activeCreators: Number(raw?.creators ?? 0),
    totals: toMeasures(raw ?? emptyRaw('all')),
  };
}
