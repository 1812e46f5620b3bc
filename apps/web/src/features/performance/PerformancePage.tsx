import '@mantine/charts/styles.css';
import type { CompoundingGroup, CreatorsReport } from '@evergreen/contracts';
import { SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { QueryStates } from '../../shared/layout/ListPage.tsx';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { useCurrentWorkspace } from '../workspaces/api.ts';
import { type ReportParams, reportCsvUrl, useReport } from './api.ts';
import { CreatorsTable } from './CreatorsTable.tsx';
import { EngagementSection, LagSection, PartnershipsSection } from './PerformanceSections.tsx';
import { PeriodPicker, usePeriod } from './PeriodPicker.tsx';
import { CompoundingChart, MeasuresGrid } from './parts.tsx';
import { EmptyHint, ReportSection, Section } from './ui.tsx';

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
          <QueryStates query={portfolio}>
            {(data) => (
              <Stack gap="sm">
                {data.totals.posts === 0 && data.totals.orders === 0 ? (
                  <EmptyHint title={t('performance.empty.periodTitle')} testId="performance-empty">
                    {t('performance.empty.periodText')}
                  </EmptyHint>
                ) : null}
                <MeasuresGrid measures={data.totals} currency={data.currency} testId="portfolio" />
                <Text size="xs" c="dimmed">
                  {t('performance.portfolio.hint', {
                    count: data.activeCreators,
                    n: data.activeCreators,
                    currency: data.currency,
                  })}
                </Text>
              </Stack>
            )}
          </QueryStates>
        </Section>
        <CompoundingSection ws={ws} period={period} creators={creators.data} />
        <PartnershipsSection ws={ws} period={period} />
        <LagSection ws={ws} period={period} />
        <EngagementSection ws={ws} period={period} />
        <ReportSection
          report="creators"
          ws={ws}
          period={period}
          isEmpty={(data) => data.creators.length === 0}
          missing="creators"
        >
          {(data) => <CreatorsTable ws={ws} report={data} period={period} />}
        </ReportSection>
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
      <QueryStates
        query={all}
        isEmpty={(result) => result.points.every((p) => p.ratedPosts === 0)}
        empty={
          <EmptyHint title={t('performance.empty.postsTitle')} testId="performance-compounding-empty">
            {t('performance.empty.postsText')}
          </EmptyHint>
        }
      >
        {(result) => (
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
              points={result.points}
              overlay={creatorId ? one.data?.points : undefined}
              overlayName={chosen?.name}
              testId="compounding"
            />
          </Stack>
        )}
      </QueryStates>
    </Section>
  );
}
