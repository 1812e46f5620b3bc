import type { TodayPaymentItem } from '@evergreen/contracts';
import { Group, Text } from '@mantine/core';
import { IconCash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../shared/i18n/format.ts';
import { formatMoney } from '../../shared/money.ts';
import { TodayItemCard } from '../today/TodayItemCard.tsx';

/** A payment in Today (overdue, or due within 7 days): "Mark paid" opens it on the Payments page. */
export function TodayPaymentCard({ item, workspaceId }: { item: TodayPaymentItem; workspaceId: string }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const overdue = item.daysOverdue > 0;
  const money = (minor: number) => formatMoney(minor, item.currency, fmt.lng);
  return (
    <TodayItemCard
      testId={`today-payment-${item.paymentId}`}
      color={overdue ? 'red' : 'blue'}
      icon={IconCash}
      title={t('today.payment.title', { creator: item.creatorName, amount: money(item.amountMinor) })}
      creator={item}
      workspaceId={workspaceId}
      open={{
        to: `/w/${workspaceId}/payments?pay=${item.paymentId}`,
        label: t('today.payment.markPaid'),
        testId: `today-payment-pay-${item.paymentId}`,
      }}
    >
      <Group gap="lg" wrap="wrap" style={{ rowGap: 2 }}>
        <Text size="sm" c={overdue ? 'red' : 'dimmed'} fw={overdue ? 600 : undefined}>
          {t('today.dueOn', { date: fmt.day(item.dueOn) })}
          {overdue ? ` · ${t('creator.overdueBy', { duration: fmt.days(item.daysOverdue) })}` : null}
        </Text>
        {item.paidMinor > 0 ? (
          <Text size="sm" c="dimmed">
            {t('today.payment.partlyPaid', {
              paid: money(item.paidMinor),
              left: money(Math.max(item.amountMinor - item.paidMinor, 0)),
            })}
          </Text>
        ) : null}
      </Group>
    </TodayItemCard>
  );
}
