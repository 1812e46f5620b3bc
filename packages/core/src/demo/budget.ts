import {
  bulkUpsertExchangeRates,
  createBudget,
  fiscalYearOf,
  generatePayments,
  listPayments,
  payPayment,
} from '../budgets/index.ts';
import type { ActorCtx } from '../shared/context.ts';
import { addDays } from '../shared/dates.ts';

/**
 * This fiscal year's budget in USD with the RUB agreements converted through a monthly rate
 * table, and a payment history in which most creators were paid on time, a few late, and two
 * payments are overdue right now.
 */
export async function loadDemoBudget(ctx: ActorCtx, today: string) {
  // First of each month for the last 14 months: roughly 92 RUB to the dollar, drifting.
  const rates = [];
  for (let i = 0; i < 15; i++) {
    const d = new Date(`${today.slice(0, 8)}01T00:00:00Z`);
    d.setUTCMonth(d.getUTCMonth() - i);
    rates.push({
      currency: 'RUB',
      onDate: d.toISOString().slice(0, 10),
      rate: (0.0105 + (i % 5) * 0.0002).toFixed(4),
    });
  }
  await bulkUpsertExchangeRates(ctx, { rates });
  await createBudget(ctx, {
    fiscalYear: fiscalYearOf(today, 1),
    totalMinor: 30_000_000,
    notes: 'Six strategic partners, about fifteen regulars, the rest for one-offs: 40/40/20.',
  });
  await generatePayments(ctx);
  const due = (await listPayments(ctx)).payments
    .filter((p) => p.dueOn < today)
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  // The two most recent stay unpaid (overdue); every fourth of the rest was paid ten days late.
  for (const [i, p] of due.slice(0, -2).entries()) {
    const late = i % 4 === 3;
    const paidOn = late ? addDays(p.dueOn, 10) : addDays(p.dueOn, -1);
    await payPayment(ctx, p.id, { paidOn: paidOn < today ? paidOn : today, reference: `INV-${2000 + i}` });
  }
}
