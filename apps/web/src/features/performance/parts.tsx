import '@mantine/charts/styles.css';
import type { CompoundingReport, LagSummary, PerformanceMeasures } from '@evergreen/contracts';
import { BarChart, LineChart } from '@mantine/charts';
import { Alert, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { intlLocale, useFormatters } from '../../shared/i18n/format.ts';
import { formatMoney } from '../../shared/money.ts';
import { chartPercent, formatDecimal, formatLift, formatMultiple, formatRate } from './numbers.ts';
import { Stat } from './ui.tsx';

type Point = CompoundingReport['points'][number];

/** Money in the reporting currency, "—" when the API has no value. */
export function useMoney(currency: string) {
  const { lng } = useFormatters();
  return (minor: number | null | undefined) =>
    minor === null || minor === undefined ? '—' : formatMoney(minor, currency, lng);
}

/** The headline measures of a set of posts (the portfolio, one creator). */
export function MeasuresGrid({
  measures: m,
  currency,
  testId,
}: {
  measures: PerformanceMeasures;
  currency: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const money = useMoney(currency);
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" data-testid={testId}>
        <Stat
          label={t('performance.measures.cost')}
          value={money(m.costMinor)}
          hint={t('performance.measures.postsCount', { count: m.posts, n: fmt.number(m.posts) })}
          testId={`${testId}-cost`}
        />
        <Stat
          label={t('performance.measures.revenue')}
          value={money(m.revenueMinor)}
          hint={t('performance.measures.ordersCount', { count: m.orders, n: fmt.number(m.orders) })}
          testId={`${testId}-revenue`}
        />
        <Stat
          label={t('performance.measures.roas')}
          value={formatMultiple(m.roas, fmt.lng)}
          testId={`${testId}-roas`}
        />
        <Stat
          label={t('performance.measures.roi')}
          value={formatRate(m.roi, fmt.lng)}
          testId={`${testId}-roi`}
        />
        <Stat
          label={t('performance.measures.customers')}
          value={fmt.number(m.customersAcquired)}
          testId={`${testId}-customers`}
        />
        <Stat label={t('performance.measures.cpa')} value={money(m.cpaMinor)} testId={`${testId}-cpa`} />
        <Stat
          label={t('performance.measures.repeatRate')}
          value={formatRate(m.repeatRate, fmt.lng)}
          hint={t('performance.measures.repeatCount', {
            count: m.repeatCustomers,
            n: fmt.number(m.repeatCustomers),
          })}
          testId={`${testId}-repeat`}
        />
        <Stat
          label={t('performance.measures.engagement')}
          value={formatRate(m.engagementRate, fmt.lng, 2)}
          hint={t('performance.measures.reach', { reach: fmt.number(m.reach) })}
          testId={`${testId}-engagement`}
        />
      </SimpleGrid>
      <MissingRates count={m.missingRates} currency={currency} testId={`${testId}-missing`} />
    </Stack>
  );
}

export function MissingRates({
  count,
  currency,
  testId,
}: {
  count: number;
  currency: string;
  testId: string;
}) {
  const { t } = useTranslation();
  if (count === 0) return null;
  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconAlertTriangle size={18} aria-hidden />}
      title={t('performance.missingRates.title', { count, n: count })}
      data-testid={testId}
    >
      {t('performance.missingRates.text', { currency })}
    </Alert>
  );
}

/**
 * Mean engagement rate by sponsored-post ordinal, optionally with one creator's curve over it,
 * and the table of the same numbers with the lift over post 1 (what people quote).
 */
export function CompoundingChart({
  points,
  overlay,
  overlayName,
  testId,
}: {
  points: Point[];
  overlay?: Point[] | undefined;
  overlayName?: string | undefined;
  testId: string;
}) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const pct = new Intl.NumberFormat(intlLocale(fmt.lng), { maximumFractionDigits: 2 });
  const data = points.map((p, i) => ({
    label: p.label,
    all: chartPercent(p.engagementRate),
    ...(overlay ? { creator: chartPercent(overlay[i]?.engagementRate) } : {}),
  }));
  const series = [{ name: 'all', label: t('performance.compounding.all'), color: 'teal.6' }];
  if (overlay) series.push({ name: 'creator', label: overlayName ?? '', color: 'grape.6' });
  const liftOf4 = points.find((p) => p.ordinal === 4)?.lift ?? null;
  return (
    <Stack gap="sm">
      {liftOf4 !== null ? (
        <Text size="sm" data-testid={`${testId}-headline`}>
          {t('performance.compounding.headline', {
            first: formatRate(points[0]?.engagementRate, fmt.lng),
            fourth: formatRate(points[3]?.engagementRate, fmt.lng),
            lift: formatLift(liftOf4, fmt.lng),
          })}
        </Text>
      ) : null}
      <LineChart
        h={260}
        data={data}
        dataKey="label"
        series={series}
        curveType="monotone"
        connectNulls
        withLegend={Boolean(overlay)}
        legendProps={{ verticalAlign: 'bottom' }}
        valueFormatter={(v) => `${pct.format(v)}${fmt.lng === 'ru' ? '\u00a0%' : '%'}`}
        xAxisLabel={t('performance.compounding.xAxis')}
        yAxisProps={{ width: 56 }}
        data-testid={`${testId}-chart`}
      />
      <Table.ScrollContainer minWidth={720}>
        <Table verticalSpacing={4} horizontalSpacing={6} fz="xs" data-testid={`${testId}-table`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('performance.compounding.ordinal')}</Table.Th>
              {points.map((p) => (
                <Table.Th key={p.ordinal} ta="right">
                  {p.label}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <Table.Tr>
              <Table.Td>{t('performance.compounding.posts')}</Table.Td>
              {points.map((p) => (
                <Table.Td key={p.ordinal} ta="right" data-testid={`${testId}-posts-${p.ordinal}`}>
                  {fmt.number(p.posts)}
                </Table.Td>
              ))}
            </Table.Tr>
            <Table.Tr>
              <Table.Td>{t('performance.compounding.rate')}</Table.Td>
              {points.map((p) => (
                <Table.Td key={p.ordinal} ta="right" fw={600} data-testid={`${testId}-rate-${p.ordinal}`}>
                  {formatRate(p.engagementRate, fmt.lng, 2)}
                </Table.Td>
              ))}
            </Table.Tr>
            <Table.Tr>
              <Table.Td>{t('performance.compounding.lift')}</Table.Td>
              {points.map((p) => (
                <Table.Td
                  key={p.ordinal}
                  ta="right"
                  c={p.lift === null ? 'dimmed' : p.lift.startsWith('-') ? 'red' : 'teal'}
                  data-testid={`${testId}-lift-${p.ordinal}`}
                >
                  {p.ordinal === 1 ? '' : formatLift(p.lift, fmt.lng)}
                </Table.Td>
              ))}
            </Table.Tr>
            {overlay ? (
              <Table.Tr data-testid={`${testId}-overlay`}>
                <Table.Td c="grape.7">{overlayName}</Table.Td>
                {overlay.map((p) => (
                  <Table.Td key={p.ordinal} ta="right" c="grape.7" title={formatLift(p.lift, fmt.lng)}>
                    {formatRate(p.engagementRate, fmt.lng, 2)}
                  </Table.Td>
                ))}
              </Table.Tr>
            ) : null}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

/** Share within 48 hours, median and 90th percentile of the lag, as a sentence. */
export function LagFacts({ lag, testId }: { lag: LagSummary; testId: string }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" data-testid={testId}>
      <Stat label={t('performance.lag.orders')} value={fmt.number(lag.orders)} testId={`${testId}-orders`} />
      <Stat
        label={t('performance.lag.within48h')}
        value={formatRate(lag.within48hShare, fmt.lng)}
        hint={t('performance.lag.within48hCount', { count: lag.within48h, n: fmt.number(lag.within48h) })}
        testId={`${testId}-48h`}
      />
      <Stat
        label={t('performance.lag.median')}
        value={
          lag.medianDays === null
            ? '—'
            : t('performance.lag.days', { days: formatDecimal(lag.medianDays, fmt.lng) })
        }
        testId={`${testId}-median`}
      />
      <Stat
        label={t('performance.lag.p90')}
        value={
          lag.p90Days === null
            ? '—'
            : t('performance.lag.days', { days: formatDecimal(lag.p90Days, fmt.lng) })
        }
        testId={`${testId}-p90`}
      />
    </SimpleGrid>
  );
}

export function LagHistogram({ lag, testId }: { lag: LagSummary; testId: string }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  return (
    <BarChart
      h={220}
      data={lag.histogram.map((b) => ({ day: b.day, orders: b.orders }))}
      dataKey="day"
      series={[{ name: 'orders', label: t('performance.lag.orders'), color: 'blue.6' }]}
      valueFormatter={(v) => fmt.number(v)}
      xAxisLabel={t('performance.lag.xAxis')}
      tickLine="y"
      data-testid={testId}
    />
  );
}
