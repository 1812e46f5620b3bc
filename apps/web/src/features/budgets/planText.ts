import type { BudgetPlanLine } from '@evergreen/contracts';
import type { TFunction } from 'i18next';
import { formatMoney } from '../../shared/money.ts';

/** "6 creators × 4 times a year × $2,500.00 = $60,000.00", in words, for one plan line. */
export function planLineText(line: BudgetPlanLine, t: TFunction, lng: string) {
  return t(`budgets.plan.${line.type}`, {
    count: line.creators,
    times: t(`budgets.plan.${line.type === 'annual' ? 'times' : 'months'}`, { count: line.timesPerYear }),
    rate: formatMoney(line.rateMinor, line.currency, lng),
    total: formatMoney(line.totalMinor, line.currency, lng),
  });
}
