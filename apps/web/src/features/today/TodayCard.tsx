import type { TodayCheckInItem as TodayItem } from '@evergreen/contracts';
import { Anchor, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconBulb, IconClockPause, IconMessageCircle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatters } from '../../shared/i18n/format.ts';
import { QuietBadge, TierBadge } from '../roster/CreatorBadges.tsx';
import { SendMessageSlot } from '../roster/slots.tsx';
import { nudgeKey } from './nudges.ts';

export function Fact({ children, color }: { children: ReactNode; color?: string }) {
  return (
    <Text size="sm" c={color ?? 'dimmed'} span>
      {children}
    </Text>
  );
}

export function TodayCard({
  item,
  workspaceId,
  canWrite,
  onLog,
  onSnooze,
  onMessage,
}: {
  item: TodayItem;
  workspaceId: string;
  canWrite: boolean;
  onLog: () => void;
  onSnooze: () => void;
  onMessage: () => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const id = item.creatorId;
  return (
    <Paper withBorder radius="md" p="md" data-testid={`today-item-${id}`}>
      <Group justify="space-between" align="flex-start" gap="md">
        <Stack gap={6} style={{ flex: '1 1 15rem', minWidth: 0 }}>
          <Group gap="xs" wrap="wrap">
            <Anchor
              component={Link}
              to={`/w/${workspaceId}/creators/${id}`}
              fw={600}
              data-testid={`today-creator-${id}`}
            >
              {item.creatorName}
            </Anchor>
            <TierBadge tier={item.tier} size="sm" />
            {item.goneQuiet ? <QuietBadge size="sm" data-testid={`today-quiet-${id}`} /> : null}
          </Group>
          <Group gap="lg" wrap="wrap" style={{ rowGap: 4 }}>
            <Fact color={item.bucket === 'overdue' ? 'red' : undefined}>
              {t('today.dueOn', { date: fmt.day(item.dueOn) })}
              {item.daysOverdue > 0 ? (
                <Text span inherit fw={600} data-testid={`today-overdue-${id}`}>
                  {' · '}
                  {t('creator.overdueBy', { duration: fmt.days(item.daysOverdue) })}
                </Text>
              ) : null}
            </Fact>
            <Fact>
              {item.lastTouchpointOn
                ? t('today.lastTouchpoint', { date: fmt.day(item.lastTouchpointOn) })
                : t('today.noTouchpointYet')}
            </Fact>
            <Fact>{t('today.owner', { name: item.ownerName ?? t('creator.noOwner') })}</Fact>
            {item.preferredChannel ? (
              <Fact>{t('today.prefers', { channel: t(`creator.channel.${item.preferredChannel}`) })}</Fact>
            ) : null}
          </Group>
          <Group gap={6} wrap="nowrap" align="flex-start" data-testid={`today-nudge-${id}`}>
            <IconBulb size={16} color="var(--mantine-color-yellow-6)" aria-hidden style={{ marginTop: 2 }} />
            <Text size="sm">
              <Text span inherit fw={600}>
                {t(`creator.kind.${item.nudge.kind}`)}
              </Text>
              {' · '}
              {item.nudge.post
                ? t('today.nudges.share_win_post', {
                    title: item.nudge.post.title,
                    rate: fmt.percent(item.nudge.post.engagementRatePct),
                  })
                : item.nudge.campaign
                  ? t('today.nudges.ask_opinion_campaign', { name: item.nudge.campaign.name })
                  : t(`today.nudges.${nudgeKey(item.nudge.templateKey)}`)}
            </Text>
          </Group>
        </Stack>
        {canWrite ? (
          <Group gap="xs" wrap="wrap">
            <SendMessageSlot
              workspaceId={workspaceId}
              creatorId={id}
              creatorName={item.creatorName}
              templateKey={item.nudge.templateKey}
              canWrite={canWrite}
              size="xs"
              testId={`today-message-${id}`}
              onOpen={onMessage}
            />
            <Button
              size="xs"
              variant="light"
              leftSection={<IconMessageCircle size={14} aria-hidden />}
              onClick={onLog}
              data-testid={`today-log-${id}`}
            >
              {t('today.log')}
            </Button>
            <Button
              size="xs"
              variant="default"
              leftSection={<IconClockPause size={14} aria-hidden />}
              onClick={onSnooze}
              data-testid={`today-snooze-${id}`}
            >
              {t('today.snooze')}
            </Button>
          </Group>
        ) : null}
      </Group>
    </Paper>
  );
}
