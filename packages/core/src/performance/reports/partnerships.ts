import type { PartnershipsReport, ReportQuery } from '@evergreen/contracts';
import type { ActorCtx } from '../../shared/context.ts';
import { reportScope } from './common.ts';
import { byKey, emptyRaw, measureRows, reportSettings, toMeasures } from './measures.ts';

/** The same measures for partnership posts (annual/retainer agreement or ≥ 3 posts) and one-off posts. */
export async function getPartnershipsReport(ctx: ActorCtx, q: ReportQuery): Promise<PartnershipsReport> {
  const { ws, period } = await reportScope(ctx, { from: q.from, to: q.to });
  const settings = await reportSettings(ctx.db, ws);
  const rows = byKey(await measureRows(ctx.db, ws, period, settings.repeatHorizonDays, 'group'));
  return {
    period: { from: period.from, to: period.to },
    currency: settings.currency,
    partnership: toMeasures(rows.get('partnership') ?? emptyRaw('partnership')),
    oneOff: toMeasures(rows.get('one_off') ?? emptyRaw('one_off')),
  };
}
