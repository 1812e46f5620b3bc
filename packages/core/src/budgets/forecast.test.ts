import { describe, expect, it } from 'vitest';
import { fiscalYear } from './commitments.ts';
import { type ForecastPayment, monthlyForecast } from './forecast.ts';
import type { RateRow } from './fx.ts';

const rate = (currency: string, onDate: string, r: string): RateRow => ({
  currency,
  reportingCurrency: 'USD',
  onDate,
  rate: r,
});
const pay = (
  p: Partial<ForecastPayment> & Pick<ForecastPayment, 'dueOn' | 'amountMinor'>,
): ForecastPayment => ({
  currency: 'USD',
  status: 'scheduled',
  paidOn: null,
  paidMinor: 0,
  ...p,
});

describe('monthly forecast', () => {
  it('adds committed, scheduled (by due date) and paid (by the day paid), converted exactly', () => {
    const fy = fiscalYear(2026, 4); // April 2026 – March 2027
    const committedByMonth = [100_000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 25];
    const rates = [
      rate('EUR', '2026-05-01', '1.085'),
      rate('JPY', '2026-01-01', '0.0067'),
      rate('KWD', '2026-01-01', '3.25'),
    ];
    const payments: ForecastPayment[] = [
      // €1,000.00 due in May at 1.085 → $1,085.00
      pay({ dueOn: '2026-05-10', amountMinor: 100_000, currency: 'EUR' }),
      // $500 due 31 May, paid 2 June: scheduled in May, paid in June
      pay({
        dueOn: '2026-05-31',
        amountMinor: 50_000,
        status: 'paid',
        paidOn: '2026-06-02',
        paidMinor: 50_000,
      }),
      // ¥10,000 due in July, ¥5,000 paid: $67.00 scheduled, $33.50 paid
      pay({
        dueOn: '2026-07-01',
        amountMinor: 10_000,
        currency: 'JPY',
        status: 'partially_paid',
        paidOn: '2026-07-15',
        paidMinor: 5_000,
      }),
      // cancelled and never paid: nothing
      pay({ dueOn: '2026-08-01', amountMinor: 99_999, status: 'cancelled' }),
      // no RUB rate: left out, one warning (the commitments already named the same day)
      pay({ dueOn: '2026-09-01', amountMinor: 1_000_000, currency: 'RUB' }),
      pay({ dueOn: '2026-09-01', amountMinor: 2_000_000, currency: 'RUB' }),
      // due before the year, paid on its first day: paid in April only
      pay({
        dueOn: '2026-03-31',
        amountMinor: 70_000,
        status: 'paid',
        paidOn: '2026-04-01',
        paidMinor: 70_000,
      }),
      // 1.234 KWD at 3.25 = 4.0105 → $4.01 (half even)
      pay({ dueOn: '2026-10-01', amountMinor: 1_234, currency: 'KWD' }),
      // due after the year: nothing
      pay({ dueOn: '2027-04-01', amountMinor: 1 }),
      // cancelled after a part was paid: the part counts as paid
      pay({
        dueOn: '2027-03-01',
        amountMinor: 900,
        status: 'cancelled',
        paidOn: '2027-03-02',
        paidMinor: 300,
      }),
    ];
    const f = monthlyForecast({
      fy,
      committedByMonth,
      commitmentWarnings: [
        {
          code: 'missing_rate',
          currency: 'RUB',
          reportingCurrency: 'USD',
          on: '2026-09-01',
          message: 'No RUB→USD rate on or before 2026-09-01',
        },
      ],
      payments,
      reporting: 'USD',
      rates,
    });
    expect(f.months.map((m) => [m.month, m.committedMinor, m.scheduledMinor, m.paidMinor])).toEqual([
      ['2026-04', 100_000, 0, 70_000],
      ['2026-05', 0, 158_500, 0],
      ['2026-06', 0, 0, 50_000],
      ['2026-07', 0, 6_700, 3_350],
      ['2026-08', 0, 0, 0],
      ['2026-09', 0, 0, 0],
      ['2026-10', 0, 401, 0],
      ['2026-11', 0, 0, 0],
      ['2026-12', 0, 0, 0],
      ['2027-01', 0, 0, 0],
      ['2027-02', 0, 0, 0],
      ['2027-03', 25, 0, 300],
    ]);
    expect(f.totals).toEqual({ committedMinor: 100_025, scheduledMinor: 165_601, paidMinor: 123_650 });
    expect(f.warnings.map((w) => `${w.currency} ${w.on}`)).toEqual(['RUB 2026-09-01']);
  });

  it('warns once per currency and day when the rate of the day paid is missing', () => {
    const fy = fiscalYear(2026, 1);
    // €1.00 due 2026-02-01, paid 2026-02-03, with the EUR rate known on one day only.
    const forecastWithEurRateOn = (day: string) =>
      monthlyForecast({
        fy,
        committedByMonth: fy.months.map(() => 0),
        payments: [
          pay({
            dueOn: '2026-02-01',
            amountMinor: 100,
            currency: 'EUR',
            status: 'paid',
            paidOn: '2026-02-03',
            paidMinor: 100,
          }),
        ],
        reporting: 'USD',
        rates: [rate('EUR', day, '1.1')],
      });
    const f = forecastWithEurRateOn('2026-02-01');
    expect(f.totals).toEqual({ committedMinor: 0, scheduledMinor: 110, paidMinor: 110 });
    expect(f.warnings).toEqual([]);
    const g = forecastWithEurRateOn('2026-02-02');
    expect(g.totals).toEqual({ committedMinor: 0, scheduledMinor: 0, paidMinor: 110 });
    expect(g.warnings.map((w) => `${w.currency} ${w.on}`)).toEqual(['EUR 2026-02-01']);
  });
});
