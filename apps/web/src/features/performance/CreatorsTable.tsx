import type { CreatorRoiRow, CreatorsReport } from '@evergreen/contracts';
import { BarChart } from '@mantine/charts';
import { Anchor, Badge, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconSelector } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatters } from '../../shared/i18n/format.ts';
import { TierBadge } from '../roster/CreatorBadges.tsx';
import {
  chartPercent,
  decimalKey,
  formatMultiple,
  formatRate,
  type PeriodRange,
  sortRows,
} from './numbers.ts';
import { useMoney } from './parts.tsx';

type Column =
  | 'name'
  | 'tier'
  | 'posts'
  | 'cost'
  | 'revenue'
  | 'customers'
  | 'cpa'
  | 'roas'
  | 'roi'
  | 'repeat'
  | 'cpm';

const keys: Record<Column, (r: CreatorRoiRow) => string | number | null> = {
  name: (r) => r.name,
  tier: (r) => r.tier,
  posts: (r) => r.posts,
  cost: (r) => r.costMinor,
  revenue: (r) => r.revenueMinor,
  customers: (r) => r.customersAcquired,
  cpa: (r) => r.cpaMinor,
  roas: (r) => decimalKey(r.roas),
  roi: (r) => decimalKey(r.roi),
  repeat: (r) => decimalKey(r.repeatRate),
  cpm: (r) => r.lifeCostPer1000ReachMinor,
};

/** How many creators the ROI chart shows. */
const TOP = 10;

/** ROI by creator: a table sortable by any column, and the best ROIs as bars. */
export function CreatorsTable({
  ws,
  report,
  period,
}: {
  ws: string;
  report: CreatorsReport;
  period: PeriodRange;
}) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const money = useMoney(report.currency);
  const [sort, setSort] = useState<{ col: Column; dir: 'asc' | 'desc' }>({ col: 'roi', dir: 'desc' });
  const rows = sortRows(report.creators, keys[sort.col], sort.dir, fmt.lng);
  const top = sortRows(
    report.creators.filter((r) => r.roi !== null),
    keys.roi,
    'desc',
    fmt.lng,
  ).slice(0, TOP);

  const header = (col: Column, numeric = true) => {
    const active = sort.col === col;
    const Icon = active ? (sort.dir === 'asc' ? IconArrowUp : IconArrowDown) : IconSelector;
    return (
      <Table.Th
        ta={numeric ? 'right' : undefined}
        aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}
      >
        <UnstyledButton
          onClick={() =>
            setSort((s) =>
              s.col === col
                ? { col, dir: s.dir === 'asc' ? 'desc' : 'asc' }
                : { col, dir: numeric ? 'desc' : 'asc' },
            )
          }
          data-testid={`creators-sort-${col}`}
          style={{ whiteSpace: 'nowrap', fontWeight: 700, fontSize: 'inherit' }}
        >
          {t(`performance.creators.columns.${col}`)}{' '}
          <Icon size={12} aria-hidden style={{ verticalAlign: -1 }} />
        </UnstyledButton>
      </Table.Th>
    );
  };

  return (
    <Stack gap="md">
      {top.length > 0 ? (
        <div>
          <Text size="sm" fw={600} mb={4}>
            {t('performance.creators.topChart', { count: top.length, n: top.length })}
          </Text>
          <BarChart
            h={Math.max(160, top.length * 28)}
            data={top.map((r) => ({ name: r.name, roi: chartPercent(r.roi) ?? 0 }))}
            dataKey="name"
            orientation="vertical"
            series={[{ name: 'roi', label: t('performance.measures.roi'), color: 'teal.6' }]}
            valueFormatter={(v) => `${fmt.number(v)}%`}
            yAxisProps={{ width: 140 }}
            xAxisProps={{ tickFormatter: (v: number) => `${fmt.number(v)}%` }}
            data-testid="creators-roi-chart"
          />
        </div>
      ) : null}
      <Table.ScrollContainer minWidth={1180}>
        <Table
          verticalSpacing={6}
          horizontalSpacing="xs"
          fz="sm"
          striped
          style={{ whiteSpace: 'nowrap' }}
          data-testid="creators-table"
        >
          <Table.Thead>
            <Table.Tr>
              {header('name', false)}
              {header('tier', false)}
              {header('posts')}
              {header('cost')}
              {header('revenue')}
              {header('customers')}
              {header('cpa')}
              {header('roas')}
              {header('roi')}
              {header('repeat')}
              {header('cpm')}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.creatorId} data-testid={`creators-row-${r.creatorId}`}>
                <Table.Td>
                  <Anchor
                    component={Link}
                    to={`/w/${ws}/creators/${r.creatorId}?tab=results&from=${period.from}&to=${period.to}`}
                    size="sm"
                    fw={500}
                    data-testid={`creators-link-${r.creatorId}`}
                  >
                    {r.name}
                  </Anchor>
                  {r.group === 'partnership' ? (
                    <Badge size="xs" variant="light" color="teal" ml={6} tt="none">
                      {t('performance.groups.partnershipShort')}
                    </Badge>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <TierBadge tier={r.tier} size="sm" styles={{ label: { overflow: 'visible' } }} />
                </Table.Td>
                <Table.Td ta="right">{fmt.number(r.posts)}</Table.Td>
                <Table.Td ta="right">{money(r.costMinor)}</Table.Td>
                <Table.Td ta="right">{money(r.revenueMinor)}</Table.Td>
                <Table.Td ta="right">{fmt.number(r.customersAcquired)}</Table.Td>
                <Table.Td ta="right">{money(r.cpaMinor)}</Table.Td>
                <Table.Td ta="right">{formatMultiple(r.roas, fmt.lng)}</Table.Td>
                <Table.Td
                  ta="right"
                  fw={600}
                  c={r.roi?.startsWith('-') ? 'red' : undefined}
                  data-testid={`creators-roi-${r.creatorId}`}
                >
                  {formatRate(r.roi, fmt.lng)}
                </Table.Td>
                <Table.Td ta="right">{formatRate(r.repeatRate, fmt.lng)}</Table.Td>
                <Table.Td ta="right">{money(r.lifeCostPer1000ReachMinor)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
