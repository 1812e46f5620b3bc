import type { Deliverable } from '@evergreen/contracts';
import { type Db, deliverables } from '@evergreen/db';
import { sql } from 'drizzle-orm';
import { iso, isoRequired } from '../shared/context.ts';
import { rowOfWorkspace } from '../shared/rows.ts';
import { refreshAttribution, refreshOrdinals, refreshReportingAmounts } from './facts.ts';

/**
 * A post (a row of `deliverables`) as performance reads and writes it: its row, its API shape with
 * the engagement rates, and the facts to refresh after posts changed. The agreements module
 * (agreements/deliverables.ts) plans posts; this is what metrics and posts imports need of them.
 */

type Row = typeof deliverables.$inferSelect;

/**
 * engagements ÷ basis as an exact decimal with 6 places ("0.041000"), rounded half to even
 * (integer arithmetic, no floats); null when there is no basis or it is 0.
 */
export function rateString(engagements: number | null, basis: number | null): string | null {
  if (engagements == null || basis == null || basis <= 0) return null;
  const n = BigInt(engagements) * 1_000_000n;
  const b = BigInt(basis);
  let q = n / b;
  const twice = (n % b) * 2n;
  if (twice > b || (twice === b && q % 2n === 1n)) q += 1n;
  const digits = q.toString().padStart(7, '0');
  return `${digits.slice(0, -6)}.${digits.slice(-6)}`;
}

export const toDeliverable = (d: Row): Deliverable => ({
  id: d.id,
  creatorId: d.creatorId,
  agreementId: d.agreementId,
  campaignId: d.campaignId,
  briefId: d.briefId,
  type: d.type,
  platform: d.platform,
  sponsored: d.sponsored,
  title: d.title,
  plannedOn: d.plannedOn,
  dueOn: d.dueOn,
  postedAt: iso(d.postedAt),
  url: d.url,
  status: d.status,
  costMinor: d.costMinor,
  costCurrency: d.costCurrency,
  costReportingMinor: d.costReportingMinor,
  externalId: d.externalId,
  ordinal: d.ordinal,
  snapshotCount: d.snapshotCount,
  latestCapturedAt: iso(d.latestCapturedAt),
  latestImpressions: d.latestImpressions,
  latestReach: d.latestReach,
  latestClicks: d.latestClicks,
  latestVideoViews: d.latestVideoViews,
  latestEngagements: d.latestEngagements,
  engagementRate: rateString(d.latestEngagements, d.latestBasis),
  day1Rate: rateString(d.day1Engagements, d.day1Basis),
  day7Rate: rateString(d.day7Engagements, d.day7Basis),
  createdAt: isoRequired(d.createdAt),
  updatedAt: isoRequired(d.updatedAt),
});

/** A scope of order ids that is empty: post-only refreshes leave the orders' amounts alone. */
const NO_ORDERS = sql`select null::bigint where false`;

/**
 * After posts were written (inside the same transaction): ordinals of their creators, their
 * costs in the reporting currency, and the attribution of orders that may now belong to
 * another post. `creatorIds` must hold the creators before and after the change.
 */
export async function refreshPostDerivedFacts(
  tx: Db,
  workspaceId: string,
  scope: { creatorIds: readonly string[]; deliverableIds: readonly string[] },
): Promise<void> {
  const creatorIds = [...new Set(scope.creatorIds)];
  await refreshOrdinals(tx, workspaceId, { creatorIds });
  // Slices keep each statement's id list small when an import touched thousands of posts.
  for (let i = 0; i < scope.deliverableIds.length; i += 5000)
    await refreshReportingAmounts(tx, workspaceId, {
      deliverableIds: scope.deliverableIds.slice(i, i + 5000),
      orderIds: NO_ORDERS,
    });
  await refreshAttribution(tx, workspaceId, { creatorIds });
}

export async function getDeliverableRow(db: Db, workspaceId: string, id: string): Promise<Row> {
  return rowOfWorkspace(db, deliverables, workspaceId, id, 'Deliverable');
}
