import type { PaymentExportQuery } from '@evergreen/contracts';
import { paymentExportQuery } from '@evergreen/contracts';
import { formatAmount, toDay } from '@evergreen/rules';
import { requireRole } from '../shared/access.ts';
import type { ActorCtx } from '../shared/context.ts';
import { writeCsv } from '../shared/csv-text.ts';
import { invalid } from '../shared/errors.ts';
import { toReporting } from './fx.ts';
import { paymentExportRows, rateRows, reportingCurrencyOf } from './queries.ts';

export interface PaymentsCsv {
  filename: string;
  /** UTF-8 text starting with a byte order mark, CRLF line ends, formula cells neutralised. */
  csv: string;
  count: number;
}

/** The accounting columns; the reporting currency names the converted one ("Amount (USD)"). */
export const paymentExportHeader = (reporting: string): string[] => [
  'Due date',
  'Creator',
  'Agreement',
  'Amount',
  'Currency',
  `Amount (${reporting})`,
  'Status',
  'Paid on',
  'Paid amount',
  'Reference',
];

/**
 * Payments due between `from` and `to` (inclusive, either optional) as CSV for accounting, by
 * due date: amounts in major units with a "." (no grouping), the amount in the reporting currency
 * converted at the due date's rate (blank when no rate: never 1:1), the paid amount in the
 * payment's currency (blank when nothing is paid). Written by the roster's CSV writer.
 */
export async function exportPayments(ctx: ActorCtx, raw: PaymentExportQuery = {}): Promise<PaymentsCsv> {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'analyst');
  const q = paymentExportQuery.parse(raw);
  if (q.from && q.to && q.from > q.to) throw invalid('from', 'must not be after `to`', 'range');
  const ws = actor.workspaceId;
  const w = { currency: await reportingCurrencyOf(db, ws) };
  const rates = await rateRows(db, ws, w.currency);
  const rows = await paymentExportRows(db, ws, q);
  const cells = rows.map(({ p, creatorName, agreementTitle }) => {
    const c = toReporting(
      { amountMinor: p.amountMinor, currency: p.currency, on: p.dueOn },
      w.currency,
      rates,
    );
    return [
      p.dueOn,
      creatorName,
      agreementTitle ?? '',
      formatAmount(p.amountMinor, p.currency),
      p.currency,
      c.ok ? formatAmount(c.amountMinor, w.currency) : '',
      p.status,
      p.paidOn ?? '',
      p.paidMinor ? formatAmount(p.paidMinor, p.currency) : '',
      p.reference ?? '',
    ];
  });
  const span = q.from || q.to ? `${q.from ?? 'start'}-to-${q.to ?? 'end'}` : toDay(clock.now());
  return {
    filename: `payments-${span}.csv`,
    csv: writeCsv(paymentExportHeader(w.currency), cells),
    count: cells.length,
  };
}
