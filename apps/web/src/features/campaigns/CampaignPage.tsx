import type { CampaignDetail } from '@evergreen/contracts';
import { Button, Modal, Stack, Text, Title } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { BackLink, EntityHeader, EntityQuery } from '../../shared/layout/EntityPage.tsx';
import { useCurrentWorkspace } from '../workspaces/api.ts';
import { useCampaign } from './api.ts';
import { BriefsTable } from './BriefsTable.tsx';
import { CampaignStatusBadge } from './CampaignBadges.tsx';
import { AssignBrief, CampaignFacts, EditCampaign } from './CampaignSections.tsx';
import { SuggestionsSection } from './SuggestionsSection.tsx';

export function CampaignPage() {
  const { t } = useTranslation();
  const { campaignId = '' } = useParams();
  const { workspaceId } = useCurrentWorkspace();
  const campaign = useCampaign(workspaceId, campaignId);
  const back = (
    <BackLink to={`/w/${workspaceId}/campaigns`} testId="campaign-back">
      {t('campaigns.back')}
    </BackLink>
  );
  return (
    <EntityQuery
      query={campaign}
      back={back}
      notFound={{ title: t('campaigns.notFoundTitle'), text: t('campaigns.notFoundText') }}
    >
      {(data) => <CampaignView campaign={data} back={back} />}
    </EntityQuery>
  );
}

function CampaignView({ campaign: c, back }: { campaign: CampaignDetail; back: ReactNode }) {
  const { t } = useTranslation();
  const { workspaceId, canWrite } = useCurrentWorkspace();
  const [editing, setEditing] = useState(false);
  const [assign, setAssign] = useState<{ creatorId: string; creatorName: string } | null>(null);
  const takesBriefs = c.status === 'planning' || c.status === 'active';

  return (
    <Stack gap="lg" data-testid="campaign-page">
      {back}
      <EntityHeader
        title={c.name}
        titleTestId="campaign-title"
        badges={<CampaignStatusBadge status={c.status} size="lg" />}
        actions={
          canWrite && !editing ? (
            <Button
              variant="default"
              leftSection={<IconPencil size={16} aria-hidden />}
              onClick={() => setEditing(true)}
              data-testid="campaign-edit"
            >
              {t('campaigns.edit')}
            </Button>
          ) : null
        }
      />
      {editing ? (
        <EditCampaign campaign={c} onDone={() => setEditing(false)} />
      ) : (
        <CampaignFacts campaign={c} />
      )}

      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('campaigns.briefsTitle', { count: c.briefs.length })}
        </Title>
        {c.briefs.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="campaign-no-briefs">
            {canWrite && takesBriefs ? t('campaigns.noBriefsAssign') : t('campaigns.noBriefs')}
          </Text>
        ) : (
          <BriefsTable workspaceId={workspaceId} briefs={c.briefs} showCampaign={false} />
        )}
      </Stack>

      <SuggestionsSection
        campaign={c}
        canAssign={canWrite && takesBriefs}
        onAssign={(creatorId, creatorName) => setAssign({ creatorId, creatorName })}
      />

      <Modal
        opened={assign !== null}
        onClose={() => setAssign(null)}
        title={assign ? t('briefs.assignTitle', { name: assign.creatorName }) : ''}
        size="xl"
      >
        {assign ? (
          <AssignBrief
            campaign={c}
            creatorId={assign.creatorId}
            creatorName={assign.creatorName}
            onClose={() => setAssign(null)}
          />
        ) : null}
      </Modal>
    </Stack>
  );
}
