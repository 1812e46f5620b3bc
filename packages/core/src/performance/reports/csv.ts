import type {
  CompoundingReport,
  ConversionLagReport,
  CreatorResultsReport,
  CreatorsReport,
  EngagementReport,
  LagSummary,
  PartnershipsReport,
  PerformanceMeasures,
  PortfolioReport,
  ReportName,
} from '@evergreen/contracts';
import { formatAmount } from '@evergreen/rules';
import { writeCsv } from '../../shared/csv-text.ts';

/**
 * Reports as CSV: a header row, plain numbers (amounts in major units with "." and a currency
 * column, rates as decimals, blank for "none"), written by the roster's writer (UTF-8 with a
 * byte order mark, CRLF, formula-like cells neutralised).
 */
const n = (v: number | string | null | undefined): string => (v == null ? '' : String(v));
const money = (v: number | null, currency: string): string => (v == null ? '' : formatAmount(v, currency));

const MEASURE_HEADER = [
  'Posts',
  'Currency',
  'Cost',
  'Reach',
  'Engagement rate',
  'Day-1 rate',
  'Day-7 rate',
  'Orders',
  'Revenue',
  'Customers acquired',
  'Repeat customers',
  'CPA',
  'ROAS',
  'ROI',
  'Repeat rate',
  'Cost per 1000 reach',
  'Missing rates',
];
const measureCells = (m: PerformanceMeasures, currency: string): string[] => [
  n(m.posts),
  currency,
  money(m.costMinor, currency),
  n(m.reach),
  n(m.engagementRate),
  n(m.day1Rate),
  n(m.day7Rate),
  n(m.orders),
  money(m.revenueMinor, currency),
  n(m.customersAcquired),
  n(m.repeatCustomers),
  money(m.cpaMinor, currency),
  n(m.roas),
  n(m.roi),
  n(m.repeatRate),
  money(m.costPer1000ReachMinor, currency),
  n(m.missingRates),
];

/** One creator's row (creators, creator-results): who, their measures, their life cost and reach. */
const CREATOR_HEADER = [
  'Creator',
  'Creator id',
  'Tier',
  'Group',
  ...MEASURE_HEADER,
  'Life cost',
  'Life reach',
  'Life cost per 1000 reach',
];
const creatorCells = (
  who: { name: string; id: string; tier: number | null; group: string },
  m: PerformanceMeasures,
  life: { lifeCostMinor: number | null; lifeReach: number | null; lifeCostPer1000ReachMinor: number | null },
  currency: string,
): string[] => [
  who.name,
  who.id,
  n(who.tier),
  who.group,
  ...measureCells(m, currency),
  money(life.lifeCostMinor, currency),
  n(life.lifeReach),
  money(life.lifeCostPer1000ReachMinor, currency),
];

const curveTable = (points: CompoundingReport['points']) => ({
  header: ['Ordinal', 'Posts', 'Creators', 'Rated posts', 'Engagement rate', 'Lift over post 1'],
  rows: points.map((p) => [
    p.label,
    n(p.posts),
    n(p.creators),
    n(p.ratedPosts),
    n(p.engagementRate),
    n(p.lift),
  ]),
});

const LAG_HEADER = [
  'Set',
  'Creator id',
  'Orders',
  'Within 48 h',
  'Share within 48 h',
  'Median days',
  'P90 days',
];
const lagHistogramHeader = (s: LagSummary) => s.histogram.map((h) => `Day ${h.day}`);
const lagCells = (set: string, s: LagSummary) => [
  set,
  '',
  n(s.orders),
  n(s.within48h),
  n(s.within48hShare),
  n(s.medianDays),
  n(s.p90Days),
  ...s.histogram.map((h) => n(h.orders)),
];

export type AnyReport =
  | CompoundingReport
  | EngagementReport
  | ConversionLagReport
  | CreatorsReport
  | PortfolioReport
  | PartnershipsReport
  | CreatorResultsReport;

/** The header and rows of a report's CSV. */
export function reportTable(name: ReportName, data: AnyReport): { header: string[]; rows: string[][] } {
  switch (name) {
    case 'compounding':
      return curveTable((data as CompoundingReport).points);
    case 'engagement':
      return {
        header: [
          'Group',
          'Posts',
          'Latest rate',
          'Day-1 rate',
          'Day-7 rate',
          'Posts with latest',
          'Posts with day 1',
          'Posts with day 7',
        ],
        rows: (data as EngagementReport).rows.map((r) => [
          r.group,
          n(r.posts),
          n(r.latestRate),
          n(r.day1Rate),
          n(r.day7Rate),
          n(r.latestPosts),
          n(r.day1Posts),
          n(r.day7Posts),
        ]),
      };
    case 'conversion-lag': {
      const d = data as ConversionLagReport;
      const width = LAG_HEADER.length + d.overall.histogram.length;
      return {
        header: [...LAG_HEADER, ...lagHistogramHeader(d.overall)],
        rows: [
          lagCells('all', d.overall),
          lagCells('partnership', d.partnership),
          lagCells('one_off', d.oneOff),
          ...d.creators.map((c) => {
            const cells = [
              c.name,
              c.creatorId,
              n(c.orders),
              n(c.within48h),
              n(c.within48hShare),
              n(c.medianDays),
              n(c.p90Days),
            ];
            return [...cells, ...Array<string>(width - cells.length).fill('')];
          }),
        ],
      };
    }
    case 'creators': {
      const d = data as CreatorsReport;
      return {
        header: CREATOR_HEADER,
        rows: d.creators.map((c) =>
          creatorCells({ name: c.name, id: c.creatorId, tier: c.tier, group: c.group }, c, c, d.currency),
        ),
      };
    }
    case 'portfolio': {
      const d = data as PortfolioReport;
      return {
        header: ['From', 'To', 'Active creators', ...MEASURE_HEADER],
        rows: [[d.period.from, d.period.to, n(d.activeCreators), ...measureCells(d.totals, d.currency)]],
      };
    }
    case 'partnerships-vs-one-offs': {
      const d = data as PartnershipsReport;
      return {
        header: ['Group', ...MEASURE_HEADER],
        rows: [
          ['partnership', ...measureCells(d.partnership, d.currency)],
          ['one_off', ...measureCells(d.oneOff, d.currency)],
        ],
      };
    }
    case 'creator-results': {
      const d = data as CreatorResultsReport;
      return {
        header: CREATOR_HEADER,
        rows: [creatorCells({ ...d.creator, group: d.group }, d.measures, d, d.currency)],
      };
    }
  }
}

export function reportCsvText(name: ReportName, data: AnyReport): string {
  const t = reportTable(name, data);
  return writeCsv(t.header, t.rows);
}
