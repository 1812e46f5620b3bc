import type { TodayPaymentItem } from '@evergreen/contracts';
import { Anchor, Button, Group, Paper, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconArrowRight, IconCash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatters } from '../../shared/i18n/format.ts';
import { formatMoney } from '../../shared/money.ts';
import { TierBadge } from '../roster/CreatorBadges.tsx';

/** A payment in Today (overdue, or due within 7 days): "Mark paid" opens it on the Payments page. */
export function TodayPaymentCard({ item, workspaceId }: { item: TodayPaymentItem; workspaceId: string }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const overdue = item.daysOverdue > 0;
  const money = (minor: number) => formatMoney(minor, item.currency, fmt.lng);
  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      data-testid={`today-payment-${item.paymentId}`}
      style={{ borderLeft: `4px solid var(--mantine-color-${overdue ? 'red' : 'blue'}-6)` }}
    >
      <Group justify="space-between" align="flex-start" gap="md">
        <Group gap="sm" align="flex-start" wrap="nowrap" style={{ flex: 1, minWidth: 240 }}>
          <ThemeIcon variant="light" color={overdue ? 'red' : 'blue'} size="lg" radius="md">
            <IconCash size={18} aria-hidden />
          </ThemeIcon>
          <Stack gap={4} style={{ minWidth: 0 }}>
            <Text fw={600}>
              {t('today.payment.title', { creator: item.creatorName, amount: money(item.amountMinor) })}
            </Text>
            <Group gap="xs" wrap="wrap" style={{ rowGap: 2 }}>
              <Anchor component={Link} to={`/w/${workspaceId}/creators/${item.creatorId}`} size="sm">
                {item.creatorName}
              </Anchor>
              <TierBadge tier={item.tier} size="sm" />
              <Text size="sm" c="dimmed">
                {t('today.owner', { name: item.ownerName ?? t('creator.noOwner') })}
              </Text>
            </Group>
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
          </Stack>
        </Group>
        <Button
          component={Link}
          to={`/w/${workspaceId}/payments?pay=${item.paymentId}`}
          size="xs"
          variant="light"
          rightSection={<IconArrowRight size={14} aria-hidden />}
          data-testid={`today-payment-pay-${item.paymentId}`}
        >
          {t('today.payment.markPaid')}
        </Button>
      </Group>
    </Paper>
  );
}
