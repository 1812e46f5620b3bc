import type { BriefStatus, CampaignStatus } from '@evergreen/contracts';
import { Badge, type BadgeProps, Group, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

export const campaignStatusColors: Record<CampaignStatus, string> = {
  planning: 'violet',
  active: 'teal',
  done: 'gray',
  cancelled: 'red',
};

export function CampaignStatusBadge({ status, ...props }: { status: CampaignStatus } & BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="dot"
      color={campaignStatusColors[status]}
      tt="none"
      style={{ minWidth: 'max-content' }}
      {...props}
    >
      {t(`campaigns.status.${status}`)}
    </Badge>
  );
}

export const briefStatusColors: Record<BriefStatus, string> = {
  draft: 'gray',
  sent: 'blue',
  accepted: 'teal',
  change_requested: 'orange',
  done: 'dark',
  cancelled: 'red',
  declined: 'red',
};

export function BriefStatusBadge({
  status,
  ...props
}: { status: BriefStatus; 'data-testid'?: string } & BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="light"
      color={briefStatusColors[status]}
      tt="none"
      style={{ minWidth: 'max-content' }}
      {...props}
    >
      {t(`briefs.status.${status}`)}
    </Badge>
  );
}

export function UrgentBadge(props: BadgeProps & { 'data-testid'?: string; title?: string }) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="filled"
      color="red"
      tt="none"
      leftSection={<IconAlertTriangle size={12} aria-hidden />}
      {...props}
    >
      {t('briefs.urgent')}
    </Badge>
  );
}

/** Short chips for products or markets; a dash when there are none. */
export function Chips({ items, color = 'gray' }: { items: string[]; color?: string }) {
  if (items.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  }
  return (
    <Group gap={4} wrap="wrap">
      {items.map((item) => (
        <Badge
          key={item}
          variant="outline"
          color={color}
          tt="none"
          size="sm"
          radius="sm"
          style={{ minWidth: 'max-content' }}
        >
          {item}
        </Badge>
      ))}
    </Group>
  );
}
