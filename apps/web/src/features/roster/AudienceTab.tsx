import { isDay, utcToday } from '@evergreen/rules';
import '@mantine/charts/styles.css';
import { type Platform, platforms } from '@evergreen/contracts';
import { LineChart } from '@mantine/charts';
import { Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormSubmit } from '../../shared/api/useFormSubmit.ts';
import { intlLocale, useFormatters } from '../../shared/i18n/format.ts';
import { DataTable, QueryStates, useHeadings } from '../../shared/layout/ListPage.tsx';
import { FormActions } from '../../shared/ui/FormActions.tsx';
import { bindField, DayInput, WholeNumberInput } from '../../shared/ui/FormFields.tsx';
import { useCurrentWorkspace } from '../workspaces/api.ts';
import { useAddAudienceSnapshot, useAudience } from './api.ts';
import { followersSeries, percentInput } from './audience.ts';
import { platformNames } from './handles.ts';

const platformColors: Record<Platform, string> = {
  instagram: 'pink.6',
  tiktok: 'dark.4',
  youtube: 'red.6',
  telegram: 'blue.5',
  vk: 'indigo.6',
  other: 'gray.6',
};

/** Audience snapshots over time: a chart of followers per platform and the table of records. */
export function AudienceTab({ creatorId }: { creatorId: string }) {
  const { t } = useTranslation();
  const heading = useHeadings('audience');
  const fmt = useFormatters();
  const { workspaceId, canWrite } = useCurrentWorkspace();
  const audience = useAudience(workspaceId, creatorId);
  const compact = useMemo(
    () => new Intl.NumberFormat(intlLocale(fmt.lng), { notation: 'compact', maximumFractionDigits: 1 }),
    [fmt.lng],
  );
  const series = useMemo(() => followersSeries(audience.data ?? []), [audience.data]);
  const platformLabel = (p: Platform) => (p === 'other' ? t('creatorForm.otherPlatform') : platformNames[p]);

  return (
    <Stack gap="lg">
      {canWrite ? <SnapshotForm workspaceId={workspaceId} creatorId={creatorId} /> : null}
      <QueryStates
        query={audience}
        isEmpty={(result) => result.length === 0}
        empty={
          <Text size="sm" c="dimmed" data-testid="audience-empty">
            {t('audience.empty')}
          </Text>
        }
      >
        {(result) => (
          <>
            <Paper withBorder radius="md" p="lg">
              <Title order={3} size="h5" mb="md">
                {t('audience.chartTitle')}
              </Title>
              <LineChart
                h={260}
                data={series.rows}
                dataKey="date"
                series={series.platforms.map((p) => ({
                  name: p,
                  label: platformLabel(p),
                  color: platformColors[p],
                }))}
                curveType="monotone"
                connectNulls
                withLegend
                legendProps={{ verticalAlign: 'bottom' }}
                valueFormatter={(value) => fmt.number(value)}
                xAxisProps={{ tickFormatter: (value: string) => fmt.day(value) }}
                yAxisProps={{ tickFormatter: (value: number) => compact.format(value), width: 56 }}
                data-testid="audience-chart"
              />
            </Paper>
            <DataTable
              minWidth={560}
              verticalSpacing="xs"
              testId="audience-table"
              columns={heading(
                'date',
                'platform',
                { key: 'followers', right: true },
                { key: 'engagement', right: true },
                { key: 'quality', right: true },
              )}
            >
              {[...result].reverse().map((s) => (
                <Table.Tr key={s.id} data-testid={`audience-row-${s.id}`}>
                  <Table.Td>{fmt.day(s.capturedOn)}</Table.Td>
                  <Table.Td>{platformLabel(s.platform)}</Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>{fmt.number(s.followers)}</Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>
                    {s.avgEngagementRatePct === null ? '—' : fmt.percent(s.avgEngagementRatePct)}
                  </Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>
                    {s.audienceQualityPct === null ? '—' : fmt.percent(s.audienceQualityPct)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </DataTable>
          </>
        )}
      </QueryStates>
    </Stack>
  );
}

interface SnapshotValues {
  capturedOn: string;
  platform: Platform | null;
  followers: number | string;
  avgEngagementRatePct: string;
  audienceQualityPct: string;
}

function SnapshotForm({ workspaceId, creatorId }: { workspaceId: string; creatorId: string }) {
  const { t } = useTranslation();
  const add = useAddAudienceSnapshot(workspaceId, creatorId);
  const today = utcToday();
  const initialValues: SnapshotValues = {
    capturedOn: today,
    platform: 'instagram',
    followers: '',
    avgEngagementRatePct: '',
    audienceQualityPct: '',
  };
  const percent = (value: string) => (percentInput(value) === undefined ? t('validation.percent') : null);
  const form = useForm<SnapshotValues>({
    initialValues,
    validate: {
      capturedOn: (value) => (isDay(value) ? null : t('validation.required')),
      platform: (value) => (value ? null : t('validation.required')),
      followers: (value) =>
        value === '' || !Number.isInteger(Number(value)) || Number(value) < 0
          ? t('validation.required')
          : null,
      avgEngagementRatePct: percent,
      audienceQualityPct: percent,
    },
  });

  const send = useFormSubmit(add, form, {
    done: () => t('audience.added'),
    after: (_, sent) => {
      form.setValues({ ...initialValues, platform: sent.platform });
      form.resetDirty();
    },
  });
  const submit = form.onSubmit((v) => {
    if (!v.platform) return;
    send({
      capturedOn: v.capturedOn,
      platform: v.platform,
      followers: Number(v.followers),
      avgEngagementRatePct: percentInput(v.avgEngagementRatePct) ?? null,
      audienceQualityPct: percentInput(v.audienceQualityPct) ?? null,
    });
  });

  return (
    <Paper withBorder radius="md" p="lg">
      <Title order={3} size="h5" mb="sm">
        {t('audience.formTitle')}
      </Title>
      <form onSubmit={submit} noValidate data-testid="audience-form">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 5 }} spacing="sm">
          <DayInput
            label={t('audience.date')}
            max={today}
            required
            {...bindField(form, 'capturedOn', 'audience-date')}
          />
          <Select
            label={t('audience.platform')}
            data={platforms.map((p) => ({
              value: p,
              label: p === 'other' ? t('creatorForm.otherPlatform') : platformNames[p],
            }))}
            allowDeselect={false}
            required
            {...bindField(form, 'platform', 'audience-platform')}
          />
          <WholeNumberInput
            label={t('audience.followers')}
            min={0}
            max={5_000_000_000}
            thousandSeparator=" "
            required
            {...bindField(form, 'followers', 'audience-followers')}
          />
          <TextInput
            label={t('audience.engagement')}
            inputMode="decimal"
            placeholder="4.1"
            {...bindField(form, 'avgEngagementRatePct', 'audience-engagement')}
          />
          <TextInput
            label={t('audience.quality')}
            inputMode="decimal"
            placeholder="85"
            {...bindField(form, 'audienceQualityPct', 'audience-quality')}
          />
        </SimpleGrid>
        <FormActions loading={add.isPending} label={t('audience.add')} testId="audience-submit" mt="sm" />
      </form>
    </Paper>
  );
}
