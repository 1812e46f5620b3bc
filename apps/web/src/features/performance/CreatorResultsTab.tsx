import '@mantine/charts/styles.css';
import type { CreatorResultsReport } from '@evergreen/contracts';
import { Anchor, Badge, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../shared/i18n/format.ts';
import { QueryStates } from '../../shared/layout/ListPage.tsx';
import { platformNames } from '../roster/handles.ts';
import { useCurrentWorkspace } from '../workspaces/api.ts';
import { reportCsvUrl, useReport } from './api.ts';
import { formatRate } from './numbers.ts';
import { PeriodPicker, usePeriod } from './PeriodPicker.tsx';
import { CompoundingChart, LagFacts, MeasuresGrid, useMoney } from './parts.tsx';
import { EmptyHint, ExportCsv } from './ui.tsx';

/** The creator page's Results tab: this creator's measures, curve, lag and last posts. */
export function CreatorResultsTab({ creatorId }: { creatorId: string }) {
  const { workspaceId: ws } = useCurrentWorkspace();
  const [period, setPeriod] = usePeriod();
  const params = { ...period, creatorId };
  const report = useReport(ws, 'creator-results', params);
  return (
    <Stack gap="md" data-testid="creator-results">
      <Group justify="space-between" align="flex-end">
        <PeriodPicker value={period} onChange={setPeriod} />
        <ExportCsv href={reportCsvUrl(ws, 'creator-results', params)} testId="creator-results-csv" />
      </Group>
      <QueryStates query={report}>{(data) => <ResultsView report={data} />}</QueryStates>
    </Stack>
  );
}

function ResultsView({ report: r }: { report: CreatorResultsReport }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const money = useMoney(r.currency);
  const hasCurve = r.curve.some((p) => p.ratedPosts > 0);
  return (
    <Stack gap="md">
      <Group gap="xs">
        <Badge
          variant="light"
          color={r.group === 'partnership' ? 'teal' : 'gray'}
          tt="none"
          data-testid="creator-results-group"
        >
          {t(`performance.groups.${r.group}`)}
        </Badge>
        <Text size="sm" c="dimmed">
          {t('performance.results.lifeCpm', {
            amount: money(r.lifeCostPer1000ReachMinor),
            reach: fmt.number(r.lifeReach),
          })}
        </Text>
      </Group>
      <MeasuresGrid measures={r.measures} currency={r.currency} testId="creator-results-measures" />

      <Paper withBorder radius="md" p="md">
        <Title order={3} size="h4" mb="sm">
          {t('performance.compounding.title')}
        </Title>
        {hasCurve ? (
          <CompoundingChart points={r.curve} testId="creator-curve" />
        ) : (
          <EmptyHint title={t('performance.empty.postsTitle')}>{t('performance.empty.postsText')}</EmptyHint>
        )}
      </Paper>

      <Paper withBorder radius="md" p="md">
        <Title order={3} size="h4" mb="sm">
          {t('performance.lag.title')}
        </Title>
        {r.lag.orders > 0 ? (
          <LagFacts lag={r.lag} testId="creator-lag" />
        ) : (
          <EmptyHint title={t('performance.empty.ordersTitle')}>
            {t('performance.empty.ordersText')}
          </EmptyHint>
        )}
      </Paper>

      <Paper withBorder radius="md" p="md">
        <Title order={3} size="h4" mb="sm">
          {t('performance.results.recent')}
        </Title>
        {r.recentPosts.length === 0 ? (
          <EmptyHint title={t('performance.empty.postsTitle')}>{t('performance.empty.postsText')}</EmptyHint>
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing={6} fz="sm" data-testid="creator-recent-posts">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('performance.results.posted')}</Table.Th>
                  <Table.Th>{t('performance.results.post')}</Table.Th>
                  <Table.Th ta="right">{t('performance.results.ordinal')}</Table.Th>
                  <Table.Th ta="right">{t('performance.results.reach')}</Table.Th>
                  <Table.Th ta="right">{t('performance.engagement.day1')}</Table.Th>
                  <Table.Th ta="right">{t('performance.engagement.day7')}</Table.Th>
                  <Table.Th ta="right">{t('performance.engagement.latest')}</Table.Th>
                  <Table.Th ta="right">{t('performance.measures.cost')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {r.recentPosts.map((p) => {
                  const name =
                    p.title ??
                    (p.platform
                      ? (platformNames[p.platform as keyof typeof platformNames] ?? p.platform)
                      : null) ??
                    t('performance.results.untitled');
                  return (
                    <Table.Tr
                      key={p.id}
                      data-testid={`recent-post-${p.id}`}
                      data-ordinal={p.ordinal ?? undefined}
                    >
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{fmt.date(p.postedAt)}</Table.Td>
                      <Table.Td>
                        {p.url ? (
                          <Anchor href={p.url} target="_blank" rel="noreferrer" size="sm">
                            {name}
                          </Anchor>
                        ) : (
                          name
                        )}
                        {p.sponsored ? null : (
                          <Badge size="xs" variant="light" color="gray" ml={6} tt="none">
                            {t('performance.results.organic')}
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td ta="right" data-testid={`recent-post-ordinal-${p.id}`}>
                        {p.ordinal ?? '—'}
                      </Table.Td>
                      <Table.Td ta="right">{p.reach === null ? '—' : fmt.number(p.reach)}</Table.Td>
                      <Table.Td ta="right">{formatRate(p.day1Rate, fmt.lng, 2)}</Table.Td>
                      <Table.Td ta="right">{formatRate(p.day7Rate, fmt.lng, 2)}</Table.Td>
                      <Table.Td ta="right" fw={600} data-testid={`recent-post-rate-${p.id}`}>
                        {formatRate(p.engagementRate, fmt.lng, 2)}
                      </Table.Td>
                      <Table.Td ta="right">{money(p.costMinor)}</Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
    </Stack>
  );
}
