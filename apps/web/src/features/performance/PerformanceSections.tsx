import '@mantine/charts/styles.css';
import type {
  ConversionLagReport,
  EngagementReport,
  PartnershipsReport,
  PerformanceMeasures,
} from '@evergreen/contracts';
import { BarChart } from '@mantine/charts';
import { Group, SegmentedControl, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../shared/i18n/format.ts';
import type { ReportParams } from './api.ts';
import { chartPercent, formatMultiple, formatRate } from './numbers.ts';
import { LagFacts, LagHistogram, useMoney } from './parts.tsx';
import { ReportSection } from './ui.tsx';

/** What each section of the page is given: the workspace and the period. */
type ReportSectionProps = { ws: string; period: ReportParams };

export type Row = { key: string; label: string; value: (m: PerformanceMeasures) => string };

export function PartnershipsSection(props: ReportSectionProps) {
  const fmt = useFormatters();
  return (
    <ReportSection
      {...props}
      report="partnerships-vs-one-offs"
      isEmpty={(data) => data.partnership.posts + data.oneOff.posts === 0}
      missing="posts"
    >
      {(data) => <PartnershipsView report={data} lng={fmt.lng} />}
    </ReportSection>
  );
}

export function PartnershipsView({ report, lng }: { report: PartnershipsReport; lng: string }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const money = useMoney(report.currency);
  const rows: Row[] = [
    { key: 'posts', label: t('performance.measures.posts'), value: (m) => fmt.number(m.posts) },
    { key: 'cost', label: t('performance.measures.cost'), value: (m) => money(m.costMinor) },
    { key: 'revenue', label: t('performance.measures.revenue'), value: (m) => money(m.revenueMinor) },
    {
      key: 'customers',
      label: t('performance.measures.customers'),
      value: (m) => fmt.number(m.customersAcquired),
    },
    { key: 'cpa', label: t('performance.measures.cpa'), value: (m) => money(m.cpaMinor) },
    {
      key: 'repeat',
      label: t('performance.measures.repeatRate'),
      value: (m) => formatRate(m.repeatRate, lng),
    },
    { key: 'roas', label: t('performance.measures.roas'), value: (m) => formatMultiple(m.roas, lng) },
    { key: 'roi', label: t('performance.measures.roi'), value: (m) => formatRate(m.roi, lng) },
    {
      key: 'engagement',
      label: t('performance.measures.engagement'),
      value: (m) => formatRate(m.engagementRate, lng, 2),
    },
    {
      key: 'cpm',
      label: t('performance.measures.costPer1000Reach'),
      value: (m) => money(m.costPer1000ReachMinor),
    },
  ];
  const groups = [
    { key: 'partnership', label: t('performance.groups.partnership'), m: report.partnership },
    { key: 'one_off', label: t('performance.groups.one_off'), m: report.oneOff },
  ];
  return (
    <Stack gap="md">
      <Table.ScrollContainer minWidth={420}>
        <Table verticalSpacing={6} data-testid="partnerships-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('performance.partnerships.measure')}</Table.Th>
              {groups.map((g) => (
                <Table.Th key={g.key} ta="right">
                  {g.label}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.key}>
                <Table.Td>{r.label}</Table.Td>
                {groups.map((g) => (
                  <Table.Td key={g.key} ta="right" fw={500} data-testid={`partnerships-${g.key}-${r.key}`}>
                    {r.value(g.m)}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <div>
          <Text size="sm" fw={600} mb={4}>
            {t('performance.measures.cpa')}
          </Text>
          <BarChart
            h={200}
            data={groups.map((g) => ({ group: g.label, cpa: g.m.cpaMinor ?? 0 }))}
            dataKey="group"
            series={[{ name: 'cpa', label: t('performance.measures.cpa'), color: 'orange.6' }]}
            valueFormatter={(v) => money(v)}
            yAxisProps={{ width: 80, tickFormatter: (v: number) => money(v) }}
            tickLine="y"
            data-testid="partnerships-cpa-chart"
          />
        </div>
        <div>
          <Text size="sm" fw={600} mb={4}>
            {t('performance.measures.repeatRate')}
          </Text>
          <BarChart
            h={200}
            data={groups.map((g) => ({ group: g.label, repeat: chartPercent(g.m.repeatRate) ?? 0 }))}
            dataKey="group"
            series={[{ name: 'repeat', label: t('performance.measures.repeatRate'), color: 'teal.6' }]}
            valueFormatter={(v) => `${fmt.number(v)}%`}
            unit="%"
            tickLine="y"
            data-testid="partnerships-repeat-chart"
          />
        </div>
      </SimpleGrid>
    </Stack>
  );
}

export type LagGroup = 'overall' | 'partnership' | 'oneOff';

export function LagSection(props: ReportSectionProps) {
  const [group, setGroup] = useState<LagGroup>('overall');
  return (
    <ReportSection
      {...props}
      report="conversion-lag"
      isEmpty={(data) => data.overall.orders === 0}
      missing="orders"
      emptyTestId="performance-lag-empty"
    >
      {(data) => <LagView report={data} group={group} setGroup={setGroup} />}
    </ReportSection>
  );
}

export function LagView({
  report,
  group,
  setGroup,
}: {
  report: ConversionLagReport;
  group: LagGroup;
  setGroup: (g: LagGroup) => void;
}) {
  const { t } = useTranslation();
  const lag = report[group];
  return (
    <Stack gap="sm">
      <Group>
        <SegmentedControl
          size="xs"
          value={group}
          onChange={(v) => setGroup(v as LagGroup)}
          data={[
            { value: 'overall', label: t('performance.groups.all') },
            { value: 'partnership', label: t('performance.groups.partnership') },
            { value: 'oneOff', label: t('performance.groups.one_off') },
          ]}
          data-testid="performance-lag-group"
        />
      </Group>
      <LagFacts lag={lag} testId="lag" />
      <LagHistogram lag={lag} testId="lag-chart" />
    </Stack>
  );
}

export function EngagementSection(props: ReportSectionProps) {
  return (
    <ReportSection
      {...props}
      report="engagement"
      isEmpty={(data) => data.rows.every((r) => r.posts === 0)}
      missing="posts"
    >
      {(data) => <EngagementView report={data} />}
    </ReportSection>
  );
}

export function EngagementView({ report }: { report: EngagementReport }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const label = (g: EngagementReport['rows'][number]['group']) => t(`performance.groups.${g}`);
  return (
    <Stack gap="md">
      <Table.ScrollContainer minWidth={460}>
        <Table verticalSpacing={6} style={{ whiteSpace: 'nowrap' }} data-testid="engagement-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('performance.engagement.group')}</Table.Th>
              <Table.Th ta="right">{t('performance.measures.posts')}</Table.Th>
              <Table.Th ta="right">{t('performance.engagement.day1')}</Table.Th>
              <Table.Th ta="right">{t('performance.engagement.day7')}</Table.Th>
              <Table.Th ta="right">{t('performance.engagement.latest')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.rows.map((r) => (
              <Table.Tr key={r.group} data-testid={`engagement-${r.group}`}>
                <Table.Td>{label(r.group)}</Table.Td>
                <Table.Td ta="right">{fmt.number(r.posts)}</Table.Td>
                <Table.Td ta="right">{formatRate(r.day1Rate, fmt.lng, 2)}</Table.Td>
                <Table.Td ta="right">{formatRate(r.day7Rate, fmt.lng, 2)}</Table.Td>
                <Table.Td ta="right">{formatRate(r.latestRate, fmt.lng, 2)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <BarChart
        h={200}
        data={report.rows.map((r) => ({
          group: label(r.group),
          day1: chartPercent(r.day1Rate) ?? 0,
          day7: chartPercent(r.day7Rate) ?? 0,
        }))}
        dataKey="group"
        series={[
          { name: 'day1', label: t('performance.engagement.day1'), color: 'blue.4' },
          { name: 'day7', label: t('performance.engagement.day7'), color: 'teal.6' },
        ]}
        withLegend
        unit="%"
        tickLine="y"
        data-testid="engagement-chart"
      />
    </Stack>
  );
}
