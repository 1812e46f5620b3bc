import type { TodayDeliverableItem } from '@evergreen/contracts';
import { Anchor, Button, Group, Paper, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconArrowRight, IconPhotoVideo } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatters } from '../../shared/i18n/format.ts';
import { itemLabel } from '../agreements/AgreementBadges.tsx';
import { TierBadge } from '../roster/CreatorBadges.tsx';
import { platformNames } from '../roster/handles.ts';

/** A deliverable in Today: due within 7 days, or missed (past its due date and not live). */
export function TodayDeliverableCard({
  item,
  workspaceId,
}: {
  item: TodayDeliverableItem;
  workspaceId: string;
}) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const missed = item.missed;
  const what = [itemLabel(item.deliverableType, t), item.platform ? platformNames[item.platform] : null]
    .filter(Boolean)
    .join(' · ');
  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      data-testid={`today-deliverable-${item.deliverableId}`}
      data-missed={missed ? 'yes' : 'no'}
      style={{ borderLeft: `4px solid var(--mantine-color-${missed ? 'red' : 'violet'}-6)` }}
    >
      <Group justify="space-between" align="flex-start" gap="md">
        <Group gap="sm" align="flex-start" wrap="nowrap" style={{ flex: 1, minWidth: 240 }}>
          <ThemeIcon variant="light" color={missed ? 'red' : 'violet'} size="lg" radius="md">
            <IconPhotoVideo size={18} aria-hidden />
          </ThemeIcon>
          <Stack gap={4} style={{ minWidth: 0 }}>
            <Text fw={600}>
              {missed
                ? t('tracking.today.missed', { creator: item.creatorName, what })
                : t('tracking.today.due', { creator: item.creatorName, what })}
            </Text>
            {item.title ? (
              <Text size="sm" lineClamp={1}>
                {item.title}
              </Text>
            ) : null}
            <Group gap="xs" wrap="wrap" style={{ rowGap: 2 }}>
              <Anchor component={Link} to={`/w/${workspaceId}/creators/${item.creatorId}`} size="sm">
                {item.creatorName}
              </Anchor>
              <TierBadge tier={item.tier} size="sm" />
              <Text size="sm" c="dimmed">
                {t('today.owner', { name: item.ownerName ?? t('creator.noOwner') })}
              </Text>
            </Group>
            <Text size="sm" c={missed ? 'red' : 'dimmed'} fw={missed ? 600 : undefined}>
              {t('today.dueOn', { date: fmt.day(item.dueOn) })}
              {item.daysOverdue > 0
                ? ` · ${t('creator.overdueBy', { duration: fmt.days(item.daysOverdue) })}`
                : null}
              {' · '}
              {t(`posts.statuses.${item.status}`)}
            </Text>
          </Stack>
        </Group>
        <Button
          component={Link}
          to={`/w/${workspaceId}/posts?post=${item.deliverableId}`}
          size="xs"
          variant="light"
          rightSection={<IconArrowRight size={14} aria-hidden />}
          data-testid={`today-deliverable-open-${item.deliverableId}`}
        >
          {t('tracking.today.open')}
        </Button>
      </Group>
    </Paper>
  );
}
