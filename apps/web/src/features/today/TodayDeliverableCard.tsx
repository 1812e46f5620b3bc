import type { TodayDeliverableItem } from '@evergreen/contracts';
import { Text } from '@mantine/core';
import { IconPhotoVideo } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../shared/i18n/format.ts';
import { itemLabel } from '../agreements/AgreementBadges.tsx';
import { platformNames } from '../roster/handles.ts';
import { TodayItemCard } from './TodayItemCard.tsx';

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
    <TodayItemCard
      testId={`today-deliverable-${item.deliverableId}`}
      color={missed ? 'red' : 'violet'}
      icon={IconPhotoVideo}
      title={
        missed
          ? t('tracking.today.missed', { creator: item.creatorName, what })
          : t('tracking.today.due', { creator: item.creatorName, what })
      }
      subtitle={
        item.title ? (
          <Text size="sm" lineClamp={1}>
            {item.title}
          </Text>
        ) : null
      }
      creator={item}
      workspaceId={workspaceId}
      open={{
        to: `/w/${workspaceId}/posts?post=${item.deliverableId}`,
        label: t('tracking.today.open'),
        testId: `today-deliverable-open-${item.deliverableId}`,
      }}
      data-missed={missed ? 'yes' : 'no'}
    >
      <Text size="sm" c={missed ? 'red' : 'dimmed'} fw={missed ? 600 : undefined}>
        {t('today.dueOn', { date: fmt.day(item.dueOn) })}
        {item.daysOverdue > 0
          ? ` · ${t('creator.overdueBy', { duration: fmt.days(item.daysOverdue) })}`
          : null}
        {' · '}
        {t(`posts.statuses.${item.status}`)}
      </Text>
    </TodayItemCard>
  );
}
