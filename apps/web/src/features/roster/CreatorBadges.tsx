import type { CreatorStatus, Platform } from '@evergreen/contracts';
import { Anchor, Badge, type BadgeProps, Group, Text, Tooltip } from '@mantine/core';
import { IconMoodEmpty } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { handleHref, handleLabel, platformNames } from './handles.ts';

const tierColors: Record<number, string> = { 1: 'teal', 2: 'blue', 3: 'gray' };

export function TierBadge({ tier, name, ...props }: { tier: number; name?: string } & BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={tierColors[tier] ?? 'gray'} tt="none" title={name} {...props}>
      {t('creator.tier', { tier })}
    </Badge>
  );
}

export const statusColors: Record<CreatorStatus, string> = {
  prospect: 'violet',
  active: 'teal',
  paused: 'yellow',
  alumni: 'gray',
};

export function StatusBadge({ status, ...props }: { status: CreatorStatus } & BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge variant="dot" color={statusColors[status]} tt="none" {...props}>
      {t(`creator.status.${status}`)}
    </Badge>
  );
}

/** No touchpoint for more than twice the creator's cadence. Long lists use a plain title, not a tooltip. */
export function QuietBadge({
  withTooltip = true,
  ...props
}: BadgeProps & { withTooltip?: boolean; 'data-testid'?: string }) {
  const { t } = useTranslation();
  const badge = (
    <Badge
      variant="light"
      color="orange"
      tt="none"
      leftSection={<IconMoodEmpty size={12} aria-hidden />}
      title={withTooltip ? undefined : t('creator.quietHint')}
      {...props}
    >
      {t('creator.quiet')}
    </Badge>
  );
  return withTooltip ? (
    <Tooltip label={t('creator.quietHint')} withArrow>
      {badge}
    </Tooltip>
  ) : (
    badge
  );
}

export function HandleLinks({
  handles,
  size = 'sm',
  testId,
}: {
  handles: { platform: Platform; handle: string; url?: string | null }[];
  size?: 'xs' | 'sm';
  testId?: string;
}) {
  return (
    <Group gap={10} wrap="wrap" data-testid={testId}>
      {handles.map((h) => {
        const href = handleHref(h);
        const label = handleLabel(h);
        const platform = h.platform === 'other' ? null : platformNames[h.platform];
        return (
          <Text key={`${h.platform}:${h.handle}`} size={size} span>
            {platform ? (
              <Text span inherit c="dimmed">
                {platform}{' '}
              </Text>
            ) : null}
            {href ? (
              <Anchor href={href} target="_blank" rel="noopener noreferrer" inherit>
                {label}
              </Anchor>
            ) : (
              label
            )}
          </Text>
        );
      })}
    </Group>
  );
}
