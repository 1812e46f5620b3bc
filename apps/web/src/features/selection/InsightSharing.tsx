import type { Insight } from '@evergreen/contracts';
import { Badge, Group, Switch } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useApiErrorHandler } from '../../shared/api/useApiErrorHandler.ts';
import { useShareInsight } from './api.ts';

/** "From the creator portal" on an insight the creator sent themselves. */
export function InsightSourceBadge({ insight }: { insight: Insight }) {
  const { t } = useTranslation();
  if (insight.source !== 'portal') return null;
  return (
    <Badge variant="dot" color="grape" data-testid="insight-from-portal">
      {t('selection.insights.fromPortal')}
    </Badge>
  );
}

/** An insight in the brand's lists, in the workspace `ws`, and whether the viewer may change it. */
interface InsightSharingProps {
  ws: string;
  insight: Insight;
  canWrite: boolean;
}

/** The switch that shows an insight to its creator in their portal's results (off by default). */
export function InsightShareSwitch({ ws, insight, canWrite }: InsightSharingProps) {
  const { t } = useTranslation();
  const share = useShareInsight(ws);
  const handleError = useApiErrorHandler();
  return (
    <Switch
      size="xs"
      label={t('selection.insights.share')}
      checked={insight.sharedWithCreator}
      disabled={!canWrite || share.isPending}
      data-testid={`insight-share-${insight.id}`}
      onChange={(e) =>
        share.mutate(
          { id: insight.id, sharedWithCreator: e.currentTarget.checked },
          {
            onSuccess: (i) =>
              notifications.show({
                color: 'teal',
                message: t(i.sharedWithCreator ? 'selection.insights.shared' : 'selection.insights.unshared'),
              }),
            onError: (error) => handleError(error),
          },
        )
      }
    />
  );
}

/** Under an insight in the brand's lists: where it came from, and whether its creator sees it. */
export function InsightSharingRow(props: InsightSharingProps) {
  return (
    <Group gap="sm" wrap="wrap">
      <InsightSourceBadge insight={props.insight} />
      <InsightShareSwitch {...props} />
    </Group>
  );
}
