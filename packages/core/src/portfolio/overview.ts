import type { PortfolioOverview, PortfolioQuery } from '@evergreen/contracts';
import {
  getPortfolioReport,
  measureRows,
  type RawMeasures,
  ratioString,
  reportScope,
  reportSettings,
} from '../performance/index.ts';
import { loadTiers, tierCounts } from '../roster/index.ts';
import type { ActorCtx } from '../shared/context.ts';
import { addDays, toDay } from '../shared/dates.ts';
import {
  loggedMinutes,
  memberNames,
  partnershipRows,
  readSettings,
  rosterRows,
  tierCadences,
  tierEvents,
} from './queries.ts';
import {
  concentrationOf,
  concentrationWarns,
  EXPECTED_TURNOVER,
  hours,
  monthsBefore,
  partnershipMonth,
  phaseOf,
  turnoverOf,
  type WorkloadCreator,
  workloadOf,
} from './rules.ts';

/** Logged time is read over the last 4 weeks. */
export const LOGGED_DAYS = 28;
const BENCH_SHOWN = 20;

/**
 * The portfolio page (docs/portfolio.md): tier health and the bench, concentration, Tier 1
 * turnover, partnership phases, markets, portfolio ROI beside the creators' and the workload.
 * Measures over the period come from the performance reports (the same sets and rounding).
 */
export async function getPortfolioOverview(ctx: ActorCtx, q: PortfolioQuery): Promise<PortfolioOverview> {
  const { ws, period } = await reportScope(ctx, { from: q.from, to: q.to });
  const today = toDay(ctx.clock.now());
  const loggedFrom = addDays(today, -(LOGGED_DAYS - 1));
  const rs = await reportSettings(ctx.db, ws);
  // Independent reads: on PostgreSQL they run at once on separate pooled connections.
  const [settings, tiers, roster, events, partnerships, cadences, logged, names, perCreator, report] =
    await Promise.all([
      readSettings(ctx.db, ws),
      loadTiers(ctx.db, ws),
      rosterRows(ctx.db, ws),
      tierEvents(ctx.db, ws, monthsBefore(today, 12)),
      partnershipRows(ctx.db, ws),
      tierCadences(ctx.db, ws),
      loggedMinutes(ctx.db, ws, loggedFrom, today),
      memberNames(ctx.db, ws),
      measureRows(ctx.db, ws, period, rs.repeatHorizonDays, 'creator'),
      getPortfolioReport(ctx, { from: period.from, to: period.to }),
    ]);
  const tierRows = await tierCounts(ctx.db, ws, tiers);
  const byId = new Map(roster.map((c) => [c.id, c]));
  const measures = new Map<string, RawMeasures>(perCreator.map((r) => [r.k, r]));

  // ---- concentration: active creators and anyone with results in the period
  const population = roster.filter((c) => c.status === 'active' || measures.has(c.id));
  const revenueTotal = population.reduce((s, c) => s + BigInt(measures.get(c.id)?.revenue ?? '0'), 0n);
  const basis = revenueTotal > 0n ? 'revenue' : 'reach';
  const valueIn = (id: string) => BigInt(measures.get(id)?.[basis] ?? '0');
  const conc = concentrationOf(population.map((c) => ({ id: c.id, value: valueIn(c.id) })));
  const rows = population
    .map((c) => {
      const m = measures.get(c.id);
      const cost = BigInt(m?.cost ?? '0');
      const revenue = BigInt(m?.revenue ?? '0');
      const value = valueIn(c.id);
      return {
        creatorId: c.id,
        name: c.name,
        tier: c.tier,
        value: Number(value),
        share: ratioString(value, conc.total, 4),
        inTop: conc.topIds.has(c.id),
        costMinor: Number(cost),
        revenueMinor: Number(revenue),
        roi: ratioString(revenue - cost, cost, 4),
      };
    })
    .sort((a, b) => b.value - a.value || a.name.localeCompare(b.name, 'en'));

  // ---- creator ROI beside the portfolio's
  const rois = rows
    .filter((r) => r.costMinor > 0)
    .map((r) => ({ n: BigInt(r.revenueMinor - r.costMinor), d: BigInt(r.costMinor) }))
    .sort((a, b) => (a.n * b.d < b.n * a.d ? -1 : a.n * b.d > b.n * a.d ? 1 : 0));
  const mid = rois.length >> 1;
  const medianCreatorRoi =
    rois.length === 0
      ? null
      : rois.length % 2
        ? ratioString(rois[mid]!.n, rois[mid]!.d, 4)
        : // (a/b + c/d) ÷ 2 = (a·d + c·b) ÷ (2·b·d)
          ratioString(
            rois[mid - 1]!.n * rois[mid]!.d + rois[mid]!.n * rois[mid - 1]!.d,
            2n * rois[mid - 1]!.d * rois[mid]!.d,
            4,
          );

  // ---- markets: each creator under their first-listed market, so markets add up to the total
  const markets = new Map<string | null, { creators: number; cost: bigint; revenue: bigint }>();
  for (const c of population) {
    const m = measures.get(c.id);
    const row = markets.get(c.market) ?? { creators: 0, cost: 0n, revenue: 0n };
    row.creators++;
    row.cost += BigInt(m?.cost ?? '0');
    row.revenue += BigInt(m?.revenue ?? '0');
    markets.set(c.market, row);
  }

  // ---- phases
  const phases = partnerships
    .filter((p) => byId.has(p.creatorId))
    .map((p) => {
      const c = byId.get(p.creatorId)!;
      const month = partnershipMonth(p.startedOn, today);
      return {
        creatorId: p.creatorId,
        name: c.name,
        tier: c.tier,
        agreementId: p.agreementId,
        agreementType: p.agreementType,
        startedOn: p.startedOn,
        month,
        phase: phaseOf(month, p.extendDecision),
      };
    })
    .sort((a, b) => a.tier - b.tier || a.month - b.month || a.name.localeCompare(b.name, 'en'));

  // ---- workload: the active roster
  const collabs = new Map(partnerships.map((p) => [p.creatorId, p.collaborationsPerYear]));
  const working: WorkloadCreator[] = roster
    .filter((c) => c.status === 'active')
    .map((c) => ({
      tier: c.tier,
      ownerUserId: c.ownerUserId,
      cadenceDays: c.cadenceDaysOverride ?? cadences.get(c.tier) ?? null,
      collaborationsPerYear: collabs.get(c.id) ?? 0,
    }));
  const load = workloadOf(working, settings);
  const loggedBy = new Map(logged.map((l) => [l.userId, l.minutes]));
  const perWeek = (minutes: number) => hours({ n: BigInt(minutes), d: BigInt(LOGGED_DAYS / 7) });
  const memberIds = new Set<string | null>([...load.owners.keys(), ...loggedBy.keys()]);
  const members = [...memberIds]
    .map((userId) => ({
      userId,
      name: userId ? (names.get(userId) ?? null) : null,
      creators: load.owners.get(userId)?.creators ?? 0,
      hoursPerWeek: hours(load.owners.get(userId)?.minutes ?? { n: 0n, d: 1n }),
      loggedHoursPerWeek: perWeek(loggedBy.get(userId) ?? 0),
    }))
    .sort(
      (a, b) =>
        Number(a.userId === null) - Number(b.userId === null) ||
        (a.name ?? '').localeCompare(b.name ?? '', 'en') ||
        (a.userId ?? '').localeCompare(b.userId ?? ''),
    );

  const prospects = roster
    .filter((c) => c.status === 'prospect')
    .sort((a, b) => a.tier - b.tier || a.name.localeCompare(b.name, 'en'));
  const turnover = turnoverOf(
    today,
    roster.map((c) => ({ id: c.id, name: c.name, tier: c.tier, status: c.status, createdOn: c.createdOn })),
    events,
  );

  return {
    period: { from: period.from, to: period.to },
    today,
    currency: rs.currency,
    tiers: tierRows.map((t) => ({
      ...t,
      gap:
        t.health === 'under' && t.targetMin != null
          ? t.targetMin - t.count
          : t.health === 'over' && t.targetMax != null
            ? t.targetMax - t.count
            : 0,
    })),
    bench: prospects
      .slice(0, BENCH_SHOWN)
      .map((c) => ({ creatorId: c.id, name: c.name, tier: c.tier, status: 'prospect' as const })),
    benchTotal: prospects.length,
    concentration: {
      basis,
      creators: conc.creators,
      topCount: conc.topCount,
      topShare: conc.topShare,
      warnPct: settings.concentrationWarnPct,
      warning: concentrationWarns(conc.topShare, settings.concentrationWarnPct),
      lorenz: conc.lorenz,
      gini: conc.gini,
      rows,
    },
    turnover: {
      ...turnover,
      expectedMin: EXPECTED_TURNOVER.min,
      expectedMax: EXPECTED_TURNOVER.max,
    },
    phases,
    markets: [...markets.entries()]
      .map(([market, m]) => ({
        market,
        creators: m.creators,
        costMinor: Number(m.cost),
        revenueMinor: Number(m.revenue),
        roi: ratioString(m.revenue - m.cost, m.cost, 4),
      }))
      .sort(
        (a, b) =>
          Number(a.market === null) - Number(b.market === null) ||
          (a.market ?? '').localeCompare(b.market ?? ''),
      ),
    portfolio: {
      activeCreators: report.activeCreators,
      measures: report.totals,
      medianCreatorRoi,
      creatorsProfitable: rois.filter((r) => r.n > 0n).length,
      creatorsWithCost: rois.length,
    },
    workload: {
      settings,
      loggedFrom,
      loggedTo: today,
      hoursPerWeek: hours(load.total),
      loggedHoursPerWeek: perWeek(logged.reduce((s, l) => s + l.minutes, 0)),
      touchpointsWithoutMinutes: logged.reduce((s, l) => s + l.unlogged, 0),
      tiers: [...load.tiers.entries()].map(([tier, t]) => ({
        tier,
        creators: t.creators,
        checkInsPerWeek: ratioDecimal(t.checkIns),
        collaborationsPerWeek: ratioDecimal(t.collaborations),
        hoursPerWeek: hours(t.minutes),
      })),
      members,
    },
  };
}

const ratioDecimal = (r: { n: bigint; d: bigint }) => ratioString(r.n, r.d, 2) ?? '0.00';
