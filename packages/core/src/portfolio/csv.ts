import type { PortfolioOverview, PortfolioQuery, PortfolioTable } from '@evergreen/contracts';
import type { ActorCtx } from '../shared/context.ts';
import { writeCsv } from '../shared/csv-text.ts';
import { formatAmount } from '../shared/money.ts';
import { getPortfolioOverview } from './overview.ts';

const n = (v: number | string | null | undefined): string => (v == null ? '' : String(v));

/** The portfolio page's tables as CSV, written like the reports' (UTF-8 BOM, CRLF, formulas neutralised). */
export function portfolioTable(
  table: PortfolioTable,
  d: PortfolioOverview,
): { header: string[]; rows: string[][] } {
  const money = (v: number) => formatAmount(v, d.currency);
  switch (table) {
    case 'concentration':
      return {
        header: [
          'Creator',
          'Creator id',
          'Tier',
          'Basis',
          'Value',
          'Share',
          'In top 20%',
          'Currency',
          'Cost',
          'Revenue',
          'ROI',
        ],
        rows: d.concentration.rows.map((r) => [
          r.name,
          r.creatorId,
          n(r.tier),
          d.concentration.basis,
          d.concentration.basis === 'revenue' ? money(r.value) : n(r.value),
          n(r.share),
          r.inTop ? 'yes' : 'no',
          d.currency,
          money(r.costMinor),
          money(r.revenueMinor),
          n(r.roi),
        ]),
      };
    case 'markets':
      return {
        header: ['Market', 'Creators', 'Currency', 'Spend', 'Revenue', 'ROI'],
        rows: d.markets.map((m) => [
          m.market ?? '',
          n(m.creators),
          d.currency,
          money(m.costMinor),
          money(m.revenueMinor),
          n(m.roi),
        ]),
      };
    case 'phases':
      return {
        header: [
          'Creator',
          'Creator id',
          'Tier',
          'Agreement id',
          'Agreement type',
          'Started on',
          'Month',
          'Phase',
        ],
        rows: d.phases.map((p) => [
          p.name,
          p.creatorId,
          n(p.tier),
          p.agreementId,
          p.agreementType,
          p.startedOn,
          n(p.month),
          p.phase,
        ]),
      };
    case 'workload':
      return {
        header: ['Team member', 'User id', 'Creators', 'Hours per week needed', 'Hours per week logged'],
        rows: [
          ...d.workload.members.map((m) => [
            m.name ?? '',
            m.userId ?? '',
            n(m.creators),
            m.hoursPerWeek,
            m.loggedHoursPerWeek,
          ]),
          [
            'Total',
            '',
            n(d.workload.members.reduce((s, m) => s + m.creators, 0)),
            d.workload.hoursPerWeek,
            d.workload.loggedHoursPerWeek,
          ],
        ],
      };
    case 'turnover':
      return {
        header: ['Creator', 'Creator id', 'Left Tier 1 on', 'Moved to'],
        rows: d.turnover.leavers.map((l) => [l.name, l.creatorId, l.on, l.to]),
      };
  }
}

export async function exportPortfolioCsv(
  ctx: ActorCtx,
  table: PortfolioTable,
  q: PortfolioQuery,
): Promise<{ filename: string; csv: string }> {
  const d = await getPortfolioOverview(ctx, q);
  const t = portfolioTable(table, d);
  return {
    filename: `portfolio-${table}-${d.period.from}-to-${d.period.to}.csv`,
    csv: writeCsv(t.header, t.rows),
  };
}
