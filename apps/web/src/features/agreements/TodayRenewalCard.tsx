import type { TodayRenewalItem } from '@evergreen/contracts';
import { daysBetween } from '@evergreen/rules';
import { Anchor, Button, Group, Paper, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconArrowRight, IconCalendarRepeat, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatters } from '../../shared/i18n/format.ts';
import { TierBadge } from '../roster/CreatorBadges.tsx';

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
    <Paper
      withBorder
      radius="md"
      p="md"
      data-testid={`today-renewal-${id}`}
      style={{ borderLeft: `4px solid var(--mantine-color-${overdue ? 'red' : 'violet'}-6)` }}
    >
      <Group justify="space-between" align="flex-start" gap="md">
        <Group gap="sm" align="flex-start" wrap="nowrap" style={{ flex: 1, minWidth: 240 }}>
          <ThemeIcon variant="light" color={overdue ? 'red' : 'violet'} size="lg" radius="md">
            <IconCalendarRepeat size={18} aria-hidden />
          </ThemeIcon>
          <Stack gap={4} style={{ minWidth: 0 }}>
            <Text fw={600}>
              {t(`renewals.todayItem.${item.decision}`, { agreement: item.agreementTitle })}
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
          </Stack>
        </Group>
        <Button
          component={Link}
          to={agreementPath}
          size="xs"
          variant="light"
          color="violet"
          rightSection={<IconArrowRight size={14} aria-hidden />}
          data-testid={`today-renewal-open-${id}`}
        >
          {t('renewals.openAgreement')}
        </Button>
      </Group>
    </Paper>
  );
}
