import '@mantine/charts/styles.css';
import type {
  CompoundingGroup,
  ConversionLagReport,
  CreatorsReport,
  EngagementReport,
  PartnershipsReport,
  PerformanceMeasures,
} from '@evergreen/contracts';
import { BarChart } from '@mantine/charts';
import { Group, SegmentedControl, Select, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useFormatters } from '../../shared/i18n/format.ts';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { PageLoader, QueryError } from '../../shared/ui/QueryStates.tsx';
import { useCurrentWorkspace } from '../workspaces/api.ts';
import { type ReportParams, reportCsvUrl, useReport } from './api.ts';
import { CreatorsTable } from './CreatorsTable.tsx';
import { chartPercent, formatMultiple, formatRate } from './numbers.ts';
import { PeriodPicker, usePeriod } from './PeriodPicker.tsx';
import { CompoundingChart, LagFacts, LagHistogram, MeasuresGrid, useMoney } from './parts.tsx';
import { EmptyHint, Section } from './ui.tsx';

export function PerformancePage() {
  const { t } = useTranslation();
  const { workspaceId: ws } = useCurrentWorkspace();
  const [period, setPeriod] = usePeriod();
  const portfolio = useReport(ws, 'portfolio', period);
  const creators = useReport(ws, 'creators', period);

  return (
    <>
      <PageHeader title={t('performance.title')} description={t('performance.description')} />
      <Stack gap="lg" data-testid="performance-page">
        <PeriodPicker value={period} onChange={setPeriod} />
        <Section
          id="performance-portfolio"
          title={t('performance.portfolio.title')}
          csvUrl={reportCsvUrl(ws, 'portfolio', period)}
        >
          {portfolio.isPending ? (
            <PageLoader />
          ) : portfolio.isError ? (
            <QueryError error={portfolio.error} onRetry={() => void portfolio.refetch()} />
          ) : (
            <Stack gap="sm">
              {portfolio.data.totals.posts === 0 && portfolio.data.totals.orders === 0 ? (
                <EmptyHint title={t('performance.empty.periodTitle')} testId="performance-empty">
                  {t('performance.empty.periodText')}
                </EmptyHint>
              ) : null}
              <MeasuresGrid
                measures={portfolio.data.totals}
                currency={portfolio.data.currency}
                testId="portfolio"
              />
              <Text size="xs" c="dimmed">
                {t('performance.portfolio.hint', {
                  count: portfolio.data.activeCreators,
                  n: portfolio.data.activeCreators,
                  currency: portfolio.data.currency,
                })}
              </Text>
            </Stack>
          )}
        </Section>
        <CompoundingSection ws={ws} period={period} creators={creators.data} />
        <PartnershipsSection ws={ws} period={period} />
        <LagSection ws={ws} period={period} />
        <EngagementSection ws={ws} period={period} />
        <Section
          id="performance-creators"
          title={t('performance.creators.title')}
          description={t('performance.creators.description')}
          csvUrl={reportCsvUrl(ws, 'creators', period)}
        >
          {creators.isPending ? (
            <PageLoader />
          ) : creators.isError ? (
            <QueryError error={creators.error} onRetry={() => void creators.refetch()} />
          ) : creators.data.creators.length === 0 ? (
            <EmptyHint title={t('performance.empty.creatorsTitle')}>
              {t('performance.empty.creatorsText')}
            </EmptyHint>
          ) : (
            <CreatorsTable ws={ws} report={creators.data} period={period} />
          )}
        </Section>
      </Stack>
    </>
  );
}

function CompoundingSection({
  ws,
  period,
  creators,
}: {
  ws: string;
  period: ReportParams;
  creators: CreatorsReport | undefined;
}) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const creatorId = params.get('creator') ?? undefined;
  const groupParam = params.get('curve');
  const group: CompoundingGroup =
    groupParam === 'one_off' || groupParam === 'all' ? groupParam : 'partnership';
  const all = useReport(ws, 'compounding', { ...period, group });
  const one = useReport(ws, 'compounding', { ...period, creatorId }, { enabled: Boolean(creatorId) });
  const chooseGroup = (g: string) => {
    const next = new URLSearchParams(params);
    if (g === 'partnership') next.delete('curve');
    else next.set('curve', g);
    setParams(next, { replace: true });
  };
  const options = (creators?.creators ?? [])
    .filter((c) => c.posts > 0)
    .map((c) => ({ value: c.creatorId, label: c.name }))
    .sort((a, b) => a.label.localeCompare(b.label));
  const chosen = creators?.creators.find((c) => c.creatorId === creatorId);
  const choose = (id: string | null) => {
    const next = new URLSearchParams(params);
    if (id) next.set('creator', id);
    else next.delete('creator');
    setParams(next, { replace: true });
  };
  return (
    <Section
      id="performance-compounding"
      title={t('performance.compounding.title')}
      description={t('performance.compounding.description')}
      csvUrl={reportCsvUrl(ws, 'compounding', creatorId ? { ...period, creatorId } : { ...period, group })}
    >
      <Stack gap={4} mb="sm">
        <SegmentedControl
          value={group}
          onChange={chooseGroup}
          data={[
            { value: 'partnership', label: t('performance.compounding.groups.partnership') },
            { value: 'one_off', label: t('performance.compounding.groups.one_off') },
            { value: 'all', label: t('performance.compounding.groups.all') },
          ]}
          aria-label={t('performance.compounding.groupLabel')}
          data-testid="performance-compounding-group"
          style={{ alignSelf: 'flex-start' }}
        />
        <Text size="xs" c="dimmed" data-testid="performance-compounding-included">
          {t(`performance.compounding.included.${group}`)}
        </Text>
      </Stack>
      {all.isPending ? (
        <PageLoader />
      ) : all.isError ? (
        <QueryError error={all.error} onRetry={() => void all.refetch()} />
      ) : all.data.points.every((p) => p.ratedPosts === 0) ? (
        <EmptyHint title={t('performance.empty.postsTitle')} testId="performance-compounding-empty">
          {t('performance.empty.postsText')}
        </EmptyHint>
      ) : (
        <Stack gap="sm">
          <Select
            label={t('performance.compounding.overlay')}
            placeholder={t('performance.compounding.overlayNone')}
            data={options}
            value={creatorId ?? null}
            onChange={choose}
            clearable
            searchable
            w={280}
            data-testid="performance-compounding-creator"
          />
          <CompoundingChart
            points={all.data.points}
            overlay={creatorId ? one.data?.points : undefined}
            overlayName={chosen?.name}
            testId="compounding"
          />
        </Stack>
      )}
    </Section>
  );
}

type Row = { key: string; label: string; value: (m: PerformanceMeasures) => string };

function PartnershipsSection({ ws, period }: { ws: string; period: ReportParams }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const report = useReport(ws, 'partnerships-vs-one-offs', period);
  return (
    <Section
      id="performance-partnerships"
      title={t('performance.partnerships.title')}
      description={t('performance.partnerships.description')}
      csvUrl={reportCsvUrl(ws, 'partnerships-vs-one-offs', period)}
    >
      {report.isPending ? (
        <PageLoader />
      ) : report.isError ? (
        <QueryError error={report.error} onRetry={() => void report.refetch()} />
      ) : report.data.partnership.posts + report.data.oneOff.posts === 0 ? (
        <EmptyHint title={t('performance.empty.postsTitle')}>{t('performance.empty.postsText')}</EmptyHint>
      ) : (
        <PartnershipsView report={report.data} lng={fmt.lng} />
      )}
    </Section>
  );
}

function PartnershipsView({ report, lng }: { report: PartnershipsReport; lng: string }) {
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

type LagGroup = 'overall' | 'partnership' | 'oneOff';

function LagSection({ ws, period }: { ws: string; period: ReportParams }) {
  const { t } = useTranslation();
  const report = useReport(ws, 'conversion-lag', period);
  const [group, setGroup] = useState<LagGroup>('overall');
  return (
    <Section
      id="performance-lag"
      title={t('performance.lag.title')}
      description={t('performance.lag.description')}
      csvUrl={reportCsvUrl(ws, 'conversion-lag', period)}
    >
      {report.isPending ? (
        <PageLoader />
      ) : report.isError ? (
        <QueryError error={report.error} onRetry={() => void report.refetch()} />
      ) : report.data.overall.orders === 0 ? (
        <EmptyHint title={t('performance.empty.ordersTitle')} testId="performance-lag-empty">
          {t('performance.empty.ordersText')}
        </EmptyHint>
      ) : (
        <LagView report={report.data} group={group} setGroup={setGroup} />
      )}
    </Section>
  );
}

function LagView({
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

function EngagementSection({ ws, period }: { ws: string; period: ReportParams }) {
  const { t } = useTranslation();
  const report = useReport(ws, 'engagement', period);
  return (
    <Section
      id="performance-engagement"
      title={t('performance.engagement.title')}
      description={t('performance.engagement.description')}
      csvUrl={reportCsvUrl(ws, 'engagement', period)}
    >
      {report.isPending ? (
        <PageLoader />
      ) : report.isError ? (
        <QueryError error={report.error} onRetry={() => void report.refetch()} />
      ) : report.data.rows.every((r) => r.posts === 0) ? (
        <EmptyHint title={t('performance.empty.postsTitle')}>{t('performance.empty.postsText')}</EmptyHint>
      ) : (
        <EngagementView report={report.data} />
      )}
    </Section>
  );
}

function EngagementView({ report }: { report: EngagementReport }) {
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
