import { Anchor, Button, Group, Paper, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconArrowRight, type IconCash } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { TierBadge } from '../roster/CreatorBadges.tsx';

/**
 * The card of a dated item in Today (a payment, a deliverable, a renewal decision): a coloured edge
 * and icon, what it is, whose it is (creator, tier, owner), its details, and the one link that acts on it.
 */
export function TodayItemCard({
  testId,
  color,
  icon: Icon,
  title,
  subtitle,
  creator,
  workspaceId,
  open,
  children,
  ...data
}: {
  testId: string;
  color: string;
  icon: typeof IconCash;
  title: ReactNode;
  /** A line under the title, above whose the item is. */
  subtitle?: ReactNode;
  creator: { creatorId: string; creatorName: string; tier: number; ownerName: string | null };
  workspaceId: string;
  /** The link that acts on the item: where it goes, its text, its test id, its colour if not the default. */
  open: { to: string; label: string; testId: string; color?: string };
  /** The item's details, under whose it is. */
  children: ReactNode;
  'data-missed'?: string;
}) {
  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      data-testid={testId}
      {...data}
      style={{ borderLeft: `4px solid var(--mantine-color-${color}-6)` }}
    >
      <Group justify="space-between" align="flex-start" gap="md">
        <Group gap="sm" align="flex-start" wrap="nowrap" style={{ flex: 1, minWidth: 240 }}>
          <ThemeIcon variant="light" color={color} size="lg" radius="md">
            <Icon size={18} aria-hidden />
          </ThemeIcon>
          <Stack gap={4} style={{ minWidth: 0 }}>
            <Text fw={600}>{title}</Text>
            {subtitle}
            <CreatorLine creator={creator} workspaceId={workspaceId} />
            {children}
          </Stack>
        </Group>
        <Button
          component={Link}
          to={open.to}
          size="xs"
          variant="light"
          color={open.color}
          rightSection={<IconArrowRight size={14} aria-hidden />}
          data-testid={open.testId}
        >
          {open.label}
        </Button>
      </Group>
    </Paper>
  );
}

/** Whose the item is: the creator (a link), their tier and their owner. */
function CreatorLine({
  creator,
  workspaceId,
}: {
  creator: { creatorId: string; creatorName: string; tier: number; ownerName: string | null };
  workspaceId: string;
}) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="wrap" style={{ rowGap: 2 }}>
      <Anchor component={Link} to={`/w/${workspaceId}/creators/${creator.creatorId}`} size="sm">
        {creator.creatorName}
      </Anchor>
      <TierBadge tier={creator.tier} size="sm" />
      <Text size="sm" c="dimmed">
        {t('today.owner', { name: creator.ownerName ?? t('creator.noOwner') })}
      </Text>
    </Group>
  );
}
