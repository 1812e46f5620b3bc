import { addDays, addMonths } from '@evergreen/rules';

/**
 * The retainer ledger: what each month of the term includes against what was delivered.
 *
 * - Month i of the term runs from start + i months to the day before start + (i+1) months.
 * - Delivered = deliverables under the agreement with status live or approved, counted in the
 *   month of their posted day (UTC), else of their due day; undated ones are not counted.
 * - balance = cumulative included − cumulative delivered at the month's end. Positive: the
 *   creator owes that many; negative: the creator delivered ahead.
 * - Open requests = deliverables of the type still planned, submitted or missed, dated up to the
 *   month's end: things the brand asked for that did not arrive.
 * - A flag needs two consecutive completed months with a balance ≥ 1. "Creator behind" when the
 *   brand asked (open requests ≥ 1); "brand not using" when it did not (the retainer pays for
 *   things nobody requested). The month in progress carries no flags.
 */

export interface LedgerDeliverable {
  type: string;
  status: 'planned' | 'submitted' | 'approved' | 'live' | 'missed';
  /** Posted day, else due day, else null. */
  on: string | null;
}

export interface LedgerInput {
  startsOn: string;
  termMonths: number;
  inclusions: { item: string; quantity: number }[];
  deliverables: LedgerDeliverable[];
  today: string;
}

export interface LedgerItemRow {
  item: string;
  included: number;
  delivered: number;
  balance: number;
  openRequests: number;
  creatorBehind: boolean;
  brandNotUsing: boolean;
}
export interface LedgerMonthRow {
  index: number;
  from: string;
  to: string;
  inProgress: boolean;
  items: LedgerItemRow[];
}
export interface Ledger {
  months: LedgerMonthRow[];
  extras: { item: string; delivered: number }[];
  creatorBehind: string[];
  brandNotUsing: string[];
}

const isDelivered = (d: LedgerDeliverable) => d.status === 'live' || d.status === 'approved';

export function retainerLedger(input: LedgerInput): Ledger {
  const { startsOn, termMonths, today } = input;
  const quantities = new Map<string, number>();
  for (const inc of input.inclusions)
    quantities.set(inc.item, (quantities.get(inc.item) ?? 0) + inc.quantity);
  const months: LedgerMonthRow[] = [];
  const cumIncluded = new Map<string, number>();
  const cumDelivered = new Map<string, number>();
  const prevBalance = new Map<string, number>();
  const termEnd = addDays(addMonths(startsOn, termMonths), -1);
  for (let i = 0; i < termMonths; i++) {
    const from = addMonths(startsOn, i);
    if (from > today) break;
    const to = addDays(addMonths(startsOn, i + 1), -1);
    const inProgress = today <= to;
    const items: LedgerItemRow[] = [];
    for (const [item, quantity] of quantities) {
      const delivered = input.deliverables.filter(
        (d) => d.type === item && isDelivered(d) && d.on != null && d.on >= from && d.on <= to,
      ).length;
      const inc = (cumIncluded.get(item) ?? 0) + quantity;
      const del = (cumDelivered.get(item) ?? 0) + delivered;
      cumIncluded.set(item, inc);
      cumDelivered.set(item, del);
      const balance = inc - del;
      const openRequests = input.deliverables.filter(
        (d) => d.type === item && !isDelivered(d) && d.on != null && d.on >= startsOn && d.on <= to,
      ).length;
      const owedTwice = !inProgress && balance >= 1 && (prevBalance.get(item) ?? 0) >= 1;
      prevBalance.set(item, balance);
      items.push({
        item,
        included: quantity,
        delivered,
        balance,
        openRequests,
        creatorBehind: owedTwice && openRequests >= 1,
        brandNotUsing: owedTwice && openRequests === 0,
      });
    }
    months.push({ index: i, from, to, inProgress, items });
  }
  const extras = new Map<string, number>();
  for (const d of input.deliverables) {
    if (quantities.has(d.type) || !isDelivered(d) || d.on == null || d.on < startsOn || d.on > termEnd)
      continue;
    extras.set(d.type, (extras.get(d.type) ?? 0) + 1);
  }
  const lastDone = [...months].reverse().find((m) => !m.inProgress);
  return {
    months,
    extras: [...extras].map(([item, delivered]) => ({ item, delivered })),
    creatorBehind: lastDone?.items.filter((x) => x.creatorBehind).map((x) => x.item) ?? [],
    brandNotUsing: lastDone?.items.filter((x) => x.brandNotUsing).map((x) => x.item) ?? [],
  };
}
