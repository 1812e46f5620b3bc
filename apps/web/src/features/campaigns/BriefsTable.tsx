import type { Brief } from '@evergreen/contracts';
import { Anchor, Badge, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatters } from '../../shared/i18n/format.ts';
import { BriefStatusBadge, UrgentBadge } from './CampaignBadges.tsx';

/** Briefs with their state: used on the campaign page and the creator's Briefs tab. */
export function BriefsTable({
  workspaceId,
  briefs,
  showCampaign,
}: {
  workspaceId: string;
  briefs: Brief[];
  showCampaign: boolean;
}) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped highlightOnHover verticalSpacing="sm" data-testid="briefs-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{showCampaign ? t('briefs.columns.campaign') : t('briefs.columns.creator')}</Table.Th>
            <Table.Th>{t('briefs.columns.title')}</Table.Th>
            <Table.Th>{t('briefs.columns.status')}</Table.Th>
            <Table.Th ta="center">{t('briefs.columns.accepted')}</Table.Th>
            <Table.Th ta="center">{t('briefs.columns.current')}</Table.Th>
            <Table.Th>{t('briefs.columns.due')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {briefs.map((b) => {
            const href = `/w/${workspaceId}/campaigns/${b.campaignId}/briefs/${b.id}`;
            const urgent = b.warnings.find((w) => w.code === 'urgent');
            return (
              <Table.Tr key={b.id} data-testid={`brief-row-${b.id}`}>
                <Table.Td>
                  {showCampaign ? (
                    <Anchor component={Link} to={`/w/${workspaceId}/campaigns/${b.campaignId}`} size="sm">
                      {b.campaignName}
                    </Anchor>
                  ) : (
                    <Anchor component={Link} to={`/w/${workspaceId}/creators/${b.creatorId}`} size="sm">
                      {b.creatorName}
                    </Anchor>
                  )}
                </Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={href} size="sm" fw={600}>
                    {b.title}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <BriefStatusBadge status={b.status} />
                    {b.pendingChangeVersion !== null ? (
                      <Badge variant="outline" color="orange" tt="none" size="sm">
                        {t('briefs.pendingChange', { version: b.pendingChangeVersion })}
                      </Badge>
                    ) : null}
                  </Group>
                </Table.Td>
                <Table.Td ta="center">
                  <Text size="sm" c={b.acceptedVersion ? undefined : 'dimmed'}>
                    {b.acceptedVersion ? t('briefs.versionShort', { version: b.acceptedVersion }) : '—'}
                  </Text>
                </Table.Td>
                <Table.Td ta="center">
                  <Text size="sm">{t('briefs.versionShort', { version: b.currentVersion })}</Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Text size="sm" c={b.dueOn ? undefined : 'dimmed'} style={{ whiteSpace: 'nowrap' }}>
                      {b.dueOn ? fmt.day(b.dueOn) : '—'}
                    </Text>
                    {urgent ? (
                      <UrgentBadge
                        size="sm"
                        title={t('briefs.urgentShort', {
                          due: fmt.days(urgent.daysUntilDue),
                          lead: fmt.days(urgent.leadTimeDays),
                        })}
                      />
                    ) : null}
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
