import '@mantine/charts/styles.css';
import type { BudgetSummary, BudgetWarning, TierPolicy } from '@evergreen/contracts';
import { BarChart } from '@mantine/charts';
import { Alert, Anchor, Badge, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { intlLocale, useFormatters } from '../../shared/i18n/format.ts';
import { DataTable, QueryStates } from '../../shared/layout/ListPage.tsx';
import { formatMoney } from '../../shared/money.ts';
import { useBudgetForecast } from './api.ts';

/** "January", "Янв" for a "YYYY-MM" (or a day) of the chart. */
export function shortMonth(month: string, lng: string): string {
  const d = new Date(`${month.slice(0, 7)}-01T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return month;
  return new Intl.DateTimeFormat(intlLocale(lng), {
    month: 'short',
    year: '2-digit',
    timeZone: 'UTC',
  }).format(d);
}

/** One line per currency: the earliest day a rate is needed and how many amounts wait for it. */
export function missingByCurrency(warnings: BudgetWarning[]): { first: BudgetWarning; count: number }[] {
  const byCurrency = new Map<string, { first: BudgetWarning; count: number }>();
  for (const w of warnings) {
    const key = w.currency ?? '';
    const seen = byCurrency.get(key);
    if (!seen) byCurrency.set(key, { first: w, count: 1 });
    else {
      seen.count += 1;
      if ((w.on ?? '') < (seen.first.on ?? '')) seen.first = w;
    }
  }
  return [...byCurrency.values()];
}

export function warningText(w: BudgetWarning, t: TFunction, day: (d: string) => string): string {
  switch (w.code) {
    case 'over_allocation':
      return t('budgets.warnings.over_allocation');
    case 'ahead_of_reserve':
      return t('budgets.warnings.ahead_of_reserve');
    case 'missing_rate':
      return t('budgets.warnings.missing_rate', {
        currency: w.currency ?? '?',
        on: w.on ? day(w.on) : '?',
      });
    default:
      return t('budgets.warnings.other');
  }
}

export function SummaryView({
  summary,
  tiers,
  workspaceId,
  chart,
}: {
  summary: BudgetSummary;
  tiers: TierPolicy[];
  workspaceId: string;
  chart: ReactNode;
}) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const money = (minor: number) => formatMoney(minor, summary.currency, fmt.lng);
  const nameOf = (tier: number) => tiers.find((p) => p.tier === tier)?.name ?? String(tier);
  const missing = summary.warnings.filter((w) => w.code === 'missing_rate');
  const other = summary.warnings.filter((w) => w.code !== 'missing_rate');
  return (
    <Stack gap="lg">
      {missing.length > 0 ? (
        <Alert
          color="orange"
          variant="light"
          icon={<IconAlertTriangle size={18} aria-hidden />}
          title={t('budgets.missingRates.title')}
          data-testid="budget-missing-rates"
        >
          <Stack gap={4}>
            <Text size="sm">{t('budgets.missingRates.explain', { currency: summary.currency })}</Text>
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {missingByCurrency(missing).map(({ first, count }) => (
                <li key={first.currency} data-testid={`budget-missing-rate-${first.currency}`}>
                  <Text size="sm">
                    {warningText(first, t, fmt.day)}
                    {' · '}
                    {t('budgets.missingRates.count', { count })}
                  </Text>
                </li>
              ))}
            </ul>
            <Anchor
              component={Link}
              to={`/w/${workspaceId}/settings/rates`}
              size="sm"
              c="inherit"
              underline="always"
            >
              {t('budgets.missingRates.add')}
            </Anchor>
          </Stack>
        </Alert>
      ) : null}
      {other.map((w) => (
        <Alert key={`${w.code}-${w.on ?? ''}`} color="yellow" variant="light">
          {warningText(w, t, fmt.day)}
        </Alert>
      ))}
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="md">
        <Stat label={t('budgets.total')} value={money(summary.totalMinor)} testId="budget-summary-total" />
        <Stat
          label={t('budgets.committed')}
          value={money(summary.committedMinor)}
          testId="budget-summary-committed"
        />
        <Stat
          label={t('budgets.remaining')}
          value={money(summary.remainingMinor)}
          testId="budget-summary-remaining"
          color={summary.remainingMinor < 0 ? 'red' : undefined}
        />
      </SimpleGrid>
      <DataTable
        minWidth={820}
        verticalSpacing="sm"
        testId="budget-tiers"
        columns={[
          t('budgets.columns.tier'),
          { label: t('budgets.columns.share'), right: true },
          { label: t('budgets.columns.allocation'), right: true },
          { label: t('budgets.columns.committed'), right: true },
          { label: t('budgets.columns.reserve'), right: true },
          { label: t('budgets.columns.paid'), right: true },
          { label: t('budgets.columns.remaining'), right: true },
        ]}
      >
        {summary.tiers.map((tier) => (
          <Table.Tr key={tier.tier} data-testid={`budget-tier-${tier.tier}`}>
            <Table.Td>
              <Text size="sm" fw={500}>
                {t('budgets.tierLabel', { tier: tier.tier, name: nameOf(tier.tier) })}
              </Text>
              {tier.warnings.length > 0 ? (
                <Group gap={4} mt={4}>
                  {tier.warnings.map((w) => (
                    <Badge
                      key={w.code}
                      size="sm"
                      tt="none"
                      variant="light"
                      color={w.code === 'over_allocation' ? 'red' : 'yellow'}
                      styles={{ label: { overflow: 'visible' } }}
                      data-testid={`budget-tier-${tier.tier}-warning-${w.code}`}
                    >
                      {warningText(w, t, fmt.day)}
                    </Badge>
                  ))}
                </Group>
              ) : null}
            </Table.Td>
            <Table.Td ta="right">{fmt.percent(tier.sharePct)}</Table.Td>
            <Table.Td ta="right">{money(tier.allocationMinor)}</Table.Td>
            <Table.Td ta="right" data-testid={`budget-tier-${tier.tier}-committed`}>
              {money(tier.committedMinor)}
            </Table.Td>
            <Table.Td ta="right">
              {tier.reserveMinor === null ? (
                <Text size="sm" c="dimmed" span title={t('budgets.reservePlanned')}>
                  {t('budgets.reserveNone')}
                </Text>
              ) : (
                money(tier.reserveMinor)
              )}
            </Table.Td>
            <Table.Td ta="right">{money(tier.paidMinor)}</Table.Td>
            <Table.Td
              ta="right"
              c={tier.remainingMinor < 0 ? 'red' : undefined}
              fw={600}
              data-testid={`budget-tier-${tier.tier}-remaining`}
            >
              {money(tier.remainingMinor)}
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
      <Text size="xs" c="dimmed">
        {t('budgets.reserveHint', { on: fmt.day(summary.asOf) })}
      </Text>
      {summary.markets && summary.markets.length > 0 ? (
        <Paper withBorder radius="md">
          <Table verticalSpacing="xs" data-testid="budget-markets">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('budgets.columns.market')}</Table.Th>
                <Table.Th ta="right">{t('budgets.columns.share')}</Table.Th>
                <Table.Th ta="right">{t('budgets.columns.allocation')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {summary.markets.map((m) => (
                <Table.Tr key={m.market}>
                  <Table.Td>{fmt.region(m.market) ?? m.market}</Table.Td>
                  <Table.Td ta="right">{fmt.percent(m.sharePct)}</Table.Td>
                  <Table.Td ta="right">{money(m.allocationMinor)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      ) : null}
      {chart}
    </Stack>
  );
}

/** Per fiscal month: committed, due (payments scheduled) and paid, in the reporting currency. */
export function ForecastChart({ workspaceId, year }: { workspaceId: string; year: number }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const forecast = useBudgetForecast(workspaceId, year);
  const f = forecast.data;
  const money = (minor: number) => (f ? formatMoney(minor, f.currency, fmt.lng) : String(minor));
  const data = (f?.months ?? []).map((m) => ({
    month: shortMonth(m.month, fmt.lng),
    committed: m.committedMinor,
    scheduled: m.scheduledMinor,
    paid: m.paidMinor,
  }));
  return (
    <Stack gap="xs" component="section" aria-labelledby="budget-chart-heading">
      <Title order={3} size="h4" id="budget-chart-heading">
        {t('budgets.chartTitle')}
      </Title>
      <QueryStates query={forecast}>
        {() => (
          <Paper withBorder radius="md" p="md" data-testid="budget-forecast-chart">
            <BarChart
              h={280}
              data={data}
              dataKey="month"
              withLegend
              series={[
                { name: 'committed', label: t('budgets.forecast.committed'), color: 'teal.6' },
                { name: 'scheduled', label: t('budgets.forecast.scheduled'), color: 'blue.5' },
                { name: 'paid', label: t('budgets.forecast.paid'), color: 'grape.6' },
              ]}
              valueFormatter={(value) => money(value)}
              yAxisProps={{ width: 100 }}
              tickLine="y"
            />
            <Text size="xs" c="dimmed" mt="xs">
              {t('budgets.forecast.hint', { currency: f?.currency ?? '' })}
            </Text>
            {f && f.warnings.length > 0 ? (
              <Text size="xs" c="orange" mt={4} data-testid="budget-forecast-missing">
                {t('budgets.missingRates.title')}
                {': '}
                {f.warnings.map((w) => warningText(w, t, fmt.day)).join('; ')}
              </Text>
            ) : null}
          </Paper>
        )}
      </QueryStates>
    </Stack>
  );
}

export function Stat({
  label,
  value,
  testId,
  color,
}: {
  label: string;
  value: string;
  testId: string;
  color?: string;
}) {
  return (
    <Paper withBorder radius="md" p="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text size="xl" fw={700} c={color} data-testid={testId}>
        {value}
      </Text>
    </Paper>
  );
}
