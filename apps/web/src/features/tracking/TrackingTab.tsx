import type { Tracker } from '@evergreen/contracts';
import { Anchor, Badge, Group, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { IconArchive } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApiErrorHandler } from '../../shared/api/useApiErrorHandler.ts';
import { useFormatters } from '../../shared/i18n/format.ts';
import { DataTable, QueryStates } from '../../shared/layout/ListPage.tsx';
import { ConfirmButton } from '../../shared/ui/ConfirmButton.tsx';
import { useCurrentWorkspace } from '../workspaces/api.ts';
import { useArchiveTracker, useCampaignOptions, useTrackers } from './api.ts';
import { CodeForm, CopyIcon, LinkBuilder } from './TrackingForms.tsx';

/** The creator page's Tracking tab: their promo codes and UTM links, and the link builder. */
export function TrackingTab({ creatorId, creatorName }: { creatorId: string; creatorName: string }) {
  const { t } = useTranslation();
  const { workspaceId, canWrite } = useCurrentWorkspace();
  const [showArchived, setShowArchived] = useState(false);
  const trackers = useTrackers(workspaceId, creatorId, showArchived);
  const campaigns = useCampaignOptions(workspaceId);
  const campaignName = new Map((campaigns.data ?? []).map((c) => [c.value, c.label]));
  const codes = (trackers.data ?? []).filter((x) => x.kind === 'promo_code');
  const links = (trackers.data ?? []).filter((x) => x.kind === 'link');

  return (
    <Stack gap="xl" data-testid="creator-tracking">
      <Group justify="space-between">
        <Text size="sm" c="dimmed" maw={720}>
          {t('tracking.intro', { name: creatorName })}
        </Text>
        <Group gap="md">
          <Anchor component={Link} to={`/w/${workspaceId}/orders?creatorId=${creatorId}`} size="sm">
            {t('tracking.seeOrders')}
          </Anchor>
          <Switch
            label={t('tracking.showArchived')}
            checked={showArchived}
            onChange={(e) => setShowArchived(e.currentTarget.checked)}
          />
        </Group>
      </Group>
      <QueryStates query={trackers}>
        {(_data) => (
          <>
            <Stack gap="sm" component="section" aria-labelledby="tracking-codes">
              <Title order={2} size="h4" id="tracking-codes">
                {t('tracking.codes.title')}
              </Title>
              {canWrite ? (
                <CodeForm workspaceId={workspaceId} creatorId={creatorId} campaigns={campaigns.data ?? []} />
              ) : null}
              <TrackerTable
                trackers={codes}
                campaignName={campaignName}
                canWrite={canWrite}
                workspaceId={workspaceId}
                empty={t('tracking.codes.empty')}
              />
            </Stack>
            <Stack gap="sm" component="section" aria-labelledby="tracking-links">
              <Title order={2} size="h4" id="tracking-links">
                {t('tracking.links.title')}
              </Title>
              {canWrite ? (
                <LinkBuilder
                  workspaceId={workspaceId}
                  creatorId={creatorId}
                  campaigns={campaigns.data ?? []}
                />
              ) : null}
              <TrackerTable
                trackers={links}
                campaignName={campaignName}
                canWrite={canWrite}
                workspaceId={workspaceId}
                empty={t('tracking.links.empty')}
              />
            </Stack>
          </>
        )}
      </QueryStates>
    </Stack>
  );
}

function TrackerTable({
  trackers,
  campaignName,
  canWrite,
  workspaceId,
  empty,
}: {
  trackers: Tracker[];
  campaignName: Map<string, string>;
  canWrite: boolean;
  workspaceId: string;
  empty: string;
}) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const archive = useArchiveTracker(workspaceId);
  const handleError = useApiErrorHandler();
  if (trackers.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {empty}
      </Text>
    );
  }
  return (
    <DataTable
      minWidth={640}
      verticalSpacing="xs"
      fz="sm"
      columns={[t('tracking.tracker'), t('tracking.campaign'), t('tracking.created'), {}]}
    >
      {trackers.map((x) => (
        <Table.Tr
          key={x.id}
          data-testid={`tracker-${x.code ?? x.id}`}
          data-archived={x.archivedAt ? 'yes' : 'no'}
        >
          <Table.Td>
            {x.kind === 'promo_code' ? (
              <Group gap="xs">
                <Text fw={600} ff="monospace">
                  {x.code}
                </Text>
                {x.code ? <CopyIcon value={x.code} /> : null}
              </Group>
            ) : (
              <Group gap="xs" wrap="nowrap" align="flex-start">
                <Stack gap={2} style={{ minWidth: 0 }}>
                  <Text size="sm" ff="monospace" style={{ wordBreak: 'break-all' }}>
                    {x.url}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {[x.utmSource, x.utmMedium, x.utmCampaign, x.utmContent].filter(Boolean).join(' · ')}
                  </Text>
                </Stack>
                {x.url ? <CopyIcon value={x.url} /> : null}
              </Group>
            )}
          </Table.Td>
          <Table.Td>
            {x.campaignId ? (campaignName.get(x.campaignId) ?? '—') : t('tracking.anyCampaign')}
          </Table.Td>
          <Table.Td style={{ whiteSpace: 'nowrap' }}>
            {fmt.date(x.createdAt)}
            {x.archivedAt ? (
              <Badge ml="xs" variant="light" color="gray" tt="none">
                {t('tracking.archived')}
              </Badge>
            ) : null}
          </Table.Td>
          <Table.Td ta="right">
            {canWrite && !x.archivedAt ? (
              <ConfirmButton
                size="xs"
                variant="subtle"
                color="gray"
                leftSection={<IconArchive size={14} aria-hidden />}
                title={t('tracking.archiveTitle')}
                message={t('tracking.archiveText')}
                onConfirm={() => archive.mutateAsync(x.id).catch((error: unknown) => handleError(error))}
                testId={`tracker-archive-${x.code ?? x.id}`}
              >
                {t('tracking.archive')}
              </ConfirmButton>
            ) : null}
          </Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}
