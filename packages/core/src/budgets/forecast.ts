import type { FiscalYear } from './commitments.ts';
import { type MissingRate, type RateRow, toReporting } from './fx.ts';
import type { PaymentStatus } from './payments.ts';

/**
 * The forecast by month, as a plain function of plain data (docs/budgets.md): per fiscal month,
 * in the reporting currency,
 *
 * - committed: what agreements commit (commitments.ts, already converted),
 * - scheduled: payments due that month (not cancelled), the full amount, converted at the due date,
 * - paid: money paid that month (by `paidOn`), converted at the day paid.
 *
 * An amount without a rate is left out and named once in the warnings (currency and day).
 */

export interface ForecastPayment {
  dueOn: string;
  amountMinor: number;
  currency: string;
  status: PaymentStatus;
  paidOn: string | null;
  paidMinor: number;
}

export interface ForecastRow {
  month: string;
  committedMinor: number;
  scheduledMinor: number;
  paidMinor: number;
}

export interface Forecast {
  months: ForecastRow[];
  totals: Omit<ForecastRow, 'month'>;
  warnings: MissingRate[];
}

export function monthlyForecast(input: {
  fy: FiscalYear;
  /** Committed per fiscal month, in the reporting currency (same order as fy.months). */
  committedByMonth: readonly number[];
  /** Warnings the commitments already raised; kept first. */
  commitmentWarnings?: readonly MissingRate[];
  payments: readonly ForecastPayment[];
  reporting: string;
  rates: readonly RateRow[];
}): Forecast {
  const { fy, reporting, rates } = input;
  const months: ForecastRow[] = fy.months.map((month, i) => ({
    month,
    committedMinor: input.committedByMonth[i] ?? 0,
    scheduledMinor: 0,
    paidMinor: 0,
  }));
  const warnings: MissingRate[] = [];
  const warned = new Set<string>();
  const warn = (w: MissingRate) => {
    const key = `${w.currency}|${w.on}`;
    if (!warned.has(key)) warnings.push(w);
    warned.add(key);
  };
  for (const w of input.commitmentWarnings ?? []) warn(w);
  const inYear = (day: string) => day >= fy.startsOn && day <= fy.endsOn;
  const rowOf = (day: string) => months[fy.months.indexOf(day.slice(0, 7))]!;
  /** Adds an amount, converted to the reporting currency, to its month's column; else warns of the rate. */
  const addTo = (
    column: 'scheduledMinor' | 'paidMinor',
    money: { amountMinor: number; currency: string; on: string },
  ) => {
    const c = toReporting(money, reporting, rates);
    if (c.ok) rowOf(money.on)[column] += c.amountMinor;
    else warn(c.warning);
  };
  for (const p of input.payments) {
    if (p.status !== 'cancelled' && p.amountMinor && inYear(p.dueOn)) {
      addTo('scheduledMinor', { amountMinor: p.amountMinor, currency: p.currency, on: p.dueOn });
    }
    if (p.paidOn && p.paidMinor && inYear(p.paidOn)) {
      addTo('paidMinor', { amountMinor: p.paidMinor, currency: p.currency, on: p.paidOn });
    }
  }
  const totals = months.reduce(
    (t, m) => ({
      committedMinor: t.committedMinor + m.committedMinor,
      scheduledMinor: t.scheduledMinor + m.scheduledMinor,
      paidMinor: t.paidMinor + m.paidMinor,
    }),
    { committedMinor: 0, scheduledMinor: 0, paidMinor: 0 },
  );
  return { months, totals, warnings };
}
