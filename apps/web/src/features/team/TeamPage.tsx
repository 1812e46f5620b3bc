import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { useCurrentWorkspace } from '../workspaces/api.ts';
import { InvitationsSection } from './InvitationsSection.tsx';
import { MembersSection } from './MembersSection.tsx';
import { OutboxSection } from './OutboxSection.tsx';

export function TeamPage() {
  const { t } = useTranslation();
  const { workspaceId, isOwner } = useCurrentWorkspace();
  return (
    <>
      <PageHeader
        title={t('settings.team.title')}
        description={isOwner ? t('settings.team.description') : t('settings.team.descriptionReadOnly')}
      />
      <Stack gap={40}>
        <MembersSection workspaceId={workspaceId} canManage={isOwner} />
        {isOwner ? <InvitationsSection workspaceId={workspaceId} /> : null}
        {isOwner ? <OutboxSection workspaceId={workspaceId} /> : null}
      </Stack>
    </>
  );
}
