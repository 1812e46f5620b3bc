import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageLoader, QueryError } from '../../shared/ui/QueryStates.tsx';
import { useCurrentWorkspace } from '../workspaces/api.ts';
import { useCreatorBriefs } from './api.ts';
import { BriefsTable } from './BriefsTable.tsx';

/** The creator page's Briefs tab: their briefs across campaigns, each linking to its page. */
export function CreatorBriefsTab({ creatorId }: { creatorId: string }) {
  const { t } = useTranslation();
  const { workspaceId } = useCurrentWorkspace();
  const briefs = useCreatorBriefs(workspaceId, creatorId);
  if (briefs.isPending) return <PageLoader />;
  if (briefs.isError) return <QueryError error={briefs.error} onRetry={() => void briefs.refetch()} />;
  if (briefs.data.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="creator-briefs-empty">
        {t('briefs.creatorEmpty')}
      </Text>
    );
  }
  return <BriefsTable workspaceId={workspaceId} briefs={briefs.data} showCampaign />;
}
