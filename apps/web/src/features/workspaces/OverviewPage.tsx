import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatters } from '../../shared/i18n/format.ts';
import { QueryStates } from '../../shared/layout/ListPage.tsx';
import { PageLoader, QueryError } from '../../shared/ui/QueryStates.tsx';
import { RoleBadge } from '../../shared/ui/RoleBadge.tsx';
import { tierCadenceText, tierTargetText } from '../settings/tierText.ts';
import { useMembers } from '../team/api.ts';
import { useCurrentWorkspace, useTiers, useWorkspace } from './api.ts';

function Stat({ label, value, testId }: { label: string; value: ReactNode; testId?: string }) {
  return (
    <Paper withBorder p="md" radius="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text size="lg" fw={600} mt={4} data-testid={testId}>
        {value}
      </Text>
    </Paper>
  );
}

/** What the workspace is today: its settings, tier policy and team size. Nothing invented. */
export function OverviewPage() {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const { workspaceId, role, isOwner } = useCurrentWorkspace();
  const workspace = useWorkspace(workspaceId);
  const tiers = useTiers(workspaceId);
  const members = useMembers(workspaceId);

  if (workspace.isPending) return <PageLoader />;
  if (workspace.isError)
    return <QueryError error={workspace.error} onRetry={() => void workspace.refetch()} />;
  const ws = workspace.data;

  return (
    <Stack gap="xl" data-testid="overview">
      <Stack gap={6}>
        <Title order={1} size="h2" data-testid="overview-name">
          {ws.name}
        </Title>
        {role ? (
          <Group gap="xs">
            <Text size="sm" c="dimmed">
              {t('overview.yourRole')}
            </Text>
            <RoleBadge role={role} />
          </Group>
        ) : null}
      </Stack>

      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
        <Stat
          label={t('overview.members')}
          value={members.isSuccess ? fmt.number(members.data.length) : members.isError ? '—' : '…'}
          testId="overview-member-count"
        />
        <Stat label={t('workspace.fields.reportingCurrency')} value={ws.reportingCurrency} />
        <Stat label={t('workspace.fields.fiscalYearStart')} value={fmt.month(ws.fiscalYearStartMonth)} />
        <Stat
          label={t('workspace.fields.defaultLanguage')}
          value={ws.defaultLanguage === 'ru' ? 'Русский' : 'English'}
        />
      </SimpleGrid>

      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('workspace.fields.markets')}
        </Title>
        {ws.markets.length > 0 ? (
          <Group gap="xs" data-testid="overview-markets">
            {ws.markets.map((code) => (
              <Badge key={code} variant="light" size="lg" tt="none" title={fmt.region(code) ?? code}>
                {code} · {fmt.region(code) ?? code}
              </Badge>
            ))}
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            {t('overview.noMarkets')}{' '}
            {isOwner ? (
              <Anchor component={Link} to={`/w/${workspaceId}/settings/workspace`} size="sm">
                {t('overview.addMarkets')}
              </Anchor>
            ) : null}
          </Text>
        )}
      </Stack>

      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4">
            {t('overview.tierPolicy')}
          </Title>
          <Anchor component={Link} to={`/w/${workspaceId}/settings/tiers`} size="sm">
            {isOwner ? t('overview.editTiers') : t('overview.viewTiers')}
          </Anchor>
        </Group>
        <QueryStates query={tiers}>
          {(data) => (
            <Paper withBorder radius="md">
              <Table.ScrollContainer minWidth={560}>
                <Table verticalSpacing="sm" horizontalSpacing="md" data-testid="overview-tiers">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('tiers.columns.tier')}</Table.Th>
                      <Table.Th>{t('tiers.columns.target')}</Table.Th>
                      <Table.Th>{t('tiers.columns.cadence')}</Table.Th>
                      <Table.Th style={{ textAlign: 'right' }}>{t('tiers.columns.budgetShare')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.map((tier) => (
                      <Table.Tr key={tier.tier}>
                        <Table.Td>
                          <Group gap="xs" wrap="nowrap">
                            <Badge variant="outline" size="sm" circle>
                              {tier.tier}
                            </Badge>
                            <Text size="sm" fw={500}>
                              {tier.name}
                            </Text>
                          </Group>
                        </Table.Td>
                        <Table.Td>{tierTargetText(tier, t)}</Table.Td>
                        <Table.Td>{tierCadenceText(tier, t, fmt.days)}</Table.Td>
                        <Table.Td style={{ textAlign: 'right' }}>{fmt.percent(tier.budgetSharePct)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Paper>
          )}
        </QueryStates>
      </Stack>
    </Stack>
  );
}
