import type { TodayRenewalItem } from '@evergreen/contracts';
import { daysBetween } from '@evergreen/rules';
import { Group, Text } from '@mantine/core';
import { IconCalendarRepeat, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../shared/i18n/format.ts';
import { TodayItemCard } from '../today/TodayItemCard.tsx';

/** A renewal decision in Today: set apart from check-ins by its colour and icon. */
export function TodayRenewalCard({
  item,
  workspaceId,
  today,
}: {
  item: TodayRenewalItem;
  workspaceId: string;
  /** The server's today, from the Today answer. */
  today: string;
}) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const id = `${item.agreementId}-${item.decision}`;
  const left = daysBetween(today, item.dueOn);
  const overdue = item.daysOverdue > 0;
  const agreementPath = `/w/${workspaceId}/agreements/${item.agreementId}`;
  return (
    <TodayItemCard
      testId={`today-renewal-${id}`}
      color={overdue ? 'red' : 'violet'}
      icon={IconCalendarRepeat}
      title={t(`renewals.todayItem.${item.decision}`, { agreement: item.agreementTitle })}
      creator={item}
      workspaceId={workspaceId}
      open={{
        to: agreementPath,
        label: t('renewals.openAgreement'),
        testId: `today-renewal-open-${id}`,
        color: 'violet',
      }}
    >
      <Group gap="lg" wrap="wrap" style={{ rowGap: 2 }}>
        <Text size="sm" c={overdue ? 'red' : 'dimmed'} fw={overdue ? 600 : undefined}>
          {fmt.day(item.dueOn)}
          {' · '}
          {overdue
            ? t('renewals.overdue', { duration: fmt.days(item.daysOverdue) })
            : left === 0
              ? t('renewals.today')
              : t('renewals.daysLeft', { duration: fmt.days(left) })}
        </Text>
        {item.autoRenew && item.renewsOn ? (
          <Text size="sm" c="dimmed">
            <IconRefresh size={14} aria-hidden style={{ verticalAlign: -2 }} />{' '}
            {t('renewals.renewsUnlessNotice', { date: fmt.day(item.renewsOn) })}
          </Text>
        ) : null}
      </Group>
    </TodayItemCard>
  );
}
