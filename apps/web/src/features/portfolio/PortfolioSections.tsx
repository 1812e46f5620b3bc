import { Badge, SimpleGrid, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatters } from '../../shared/i18n/format.ts';
import { ScrollTable, useHeadings } from '../../shared/layout/ListPage.tsx';
import { formatDecimal, formatMultiple, formatRate } from '../performance/numbers.ts';
import { useMoney } from '../performance/parts.tsx';
import { Section, Stat } from '../performance/ui.tsx';
import { portfolioCsvUrl } from './api.ts';
import type { PortfolioSectionProps } from './sections.ts';

/**
 * A section about one of the overview's tables: its id (`portfolio-<table>`), heading and
 * description (unless given) from the table's name, and the table's CSV.
 */
function TableSection({
  table,
  ws,
  period,
  description,
  children,
}: Omit<PortfolioSectionProps, 'data'> & {
  table: 'turnover' | 'phases' | 'markets' | 'workload';
  description?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Section
      id={`portfolio-${table}`}
      title={t(`portfolio.${table}.title`)}
      description={description ?? t(`portfolio.${table}.description`)}
      csvUrl={portfolioCsvUrl(ws, table, period)}
    >
      {children}
    </Section>
  );
}

/** Who left the roster in the period, against the average size: the turnover rate and its status. */
export function TurnoverSection({ ws, data, period }: PortfolioSectionProps) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const tu = data.turnover;
  return (
    <TableSection
      table="turnover"
      ws={ws}
      period={period}
      description={t('portfolio.turnover.description', { from: fmt.day(tu.from), to: fmt.day(tu.to) })}
    >
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Stat
          label={t('portfolio.turnover.rate')}
          value={formatRate(tu.rate, fmt.lng, 1)}
          hint={tu.status ? t(`portfolio.turnover.status.${tu.status}`) : undefined}
          testId="portfolio-turnover-rate"
        />
        <Stat
          label={t('portfolio.turnover.left')}
          value={fmt.number(tu.left)}
          testId="portfolio-turnover-left"
        />
        <Stat
          label={t('portfolio.turnover.average')}
          value={formatDecimal(tu.averageSize, fmt.lng, 1)}
          hint={t('portfolio.turnover.joined', { n: tu.joined })}
          testId="portfolio-turnover-average"
        />
      </SimpleGrid>
      {tu.leavers.length ? (
        <Text size="sm" mt="sm">
          {tu.leavers.map((l) => `${l.name} (${fmt.day(l.on)})`).join(', ')}
        </Text>
      ) : null}
      <Text size="xs" c="dimmed" mt="xs">
        {t('portfolio.turnover.expected')}
      </Text>
    </TableSection>
  );
}

/** Where each partnership stands in its first year (the phase by month) and what it asks for. */
export function PhasesSection({ ws, data, period }: PortfolioSectionProps) {
  const { t } = useTranslation();
  const heading = useHeadings('portfolio.phases');
  const fmt = useFormatters();
  return (
    <TableSection table="phases" ws={ws} period={period}>
      {data.phases.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('portfolio.phases.empty')}
        </Text>
      ) : (
        <ScrollTable
          minWidth={520}
          striped
          testId="portfolio-phases-table"
          columns={[t('portfolio.columns.creator'), ...heading('month', 'phase', 'asks')]}
        >
          {data.phases.map((p) => (
            <Table.Tr key={p.agreementId}>
              <Table.Td>
                <Link to={`/w/${ws}/agreements/${p.agreementId}`}>{p.name}</Link>
              </Table.Td>
              <Table.Td>{p.month === 0 ? fmt.day(p.startedOn) : fmt.number(p.month)}</Table.Td>
              <Table.Td>
                <Badge variant="light">{t(`portfolio.phases.names.${p.phase}`)}</Badge>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{t(`portfolio.phases.ask.${p.phase}`)}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </ScrollTable>
      )}
    </TableSection>
  );
}

/** The portfolio's return (ROI, median creator ROI, ROAS) and the same by market. */
export function MarketsSection({ ws, data, period }: PortfolioSectionProps) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const money = useMoney(data.currency);
  const roi = (v: string | null) => formatRate(v, fmt.lng, 0);
  const p = data.portfolio;
  return (
    <TableSection table="markets" ws={ws} period={period}>
      <SimpleGrid cols={{ base: 1, sm: 3 }} mb="sm">
        <Stat
          label={t('portfolio.roi.portfolio')}
          value={roi(p.measures.roi)}
          hint={t('portfolio.roi.spend', { spend: money(p.measures.costMinor) })}
          testId="portfolio-roi"
        />
        <Stat
          label={t('portfolio.roi.median')}
          value={roi(p.medianCreatorRoi)}
          hint={t('portfolio.roi.profitable', { n: p.creatorsProfitable, of: p.creatorsWithCost })}
          testId="portfolio-median-roi"
        />
        <Stat
          label={t('portfolio.roi.roas')}
          value={formatMultiple(p.measures.roas, fmt.lng)}
          testId="portfolio-roas"
        />
      </SimpleGrid>
      <ScrollTable
        minWidth={420}
        striped
        testId="portfolio-markets-table"
        columns={[
          t('portfolio.markets.market'),
          { label: t('portfolio.markets.creators'), right: true },
          { label: t('portfolio.markets.spend'), right: true },
          { label: t('portfolio.markets.revenue'), right: true },
          { label: t('portfolio.markets.roi'), right: true },
        ]}
      >
        {data.markets.map((m) => (
          <Table.Tr key={m.market ?? '-'}>
            <Table.Td>{m.market ? (fmt.region(m.market) ?? m.market) : t('portfolio.markets.none')}</Table.Td>
            <Table.Td ta="right">{fmt.number(m.creators)}</Table.Td>
            <Table.Td ta="right">{money(m.costMinor)}</Table.Td>
            <Table.Td ta="right">{money(m.revenueMinor)}</Table.Td>
            <Table.Td ta="right">{roi(m.roi)}</Table.Td>
          </Table.Tr>
        ))}
      </ScrollTable>
    </TableSection>
  );
}

/** The hours a week the roster needs by its tiers' cadence, against the hours logged, by member. */
export function WorkloadSection({ ws, data, period }: PortfolioSectionProps) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const w = data.workload;
  const hours = (v: string | null) => formatDecimal(v, fmt.lng, 1);
  return (
    <TableSection table="workload" ws={ws} period={period}>
      <SimpleGrid cols={{ base: 1, sm: 2 }} mb="sm">
        <Stat
          label={t('portfolio.workload.needed')}
          value={t('portfolio.workload.hours', { hours: hours(w.hoursPerWeek) })}
          testId="portfolio-workload-hours"
        />
        <Stat
          label={t('portfolio.workload.logged')}
          value={t('portfolio.workload.hours', { hours: hours(w.loggedHoursPerWeek) })}
          hint={t('portfolio.workload.loggedHint', {
            from: fmt.day(w.loggedFrom),
            n: w.touchpointsWithoutMinutes,
          })}
          testId="portfolio-workload-logged"
        />
      </SimpleGrid>
      <ScrollTable
        minWidth={420}
        striped
        testId="portfolio-workload-table"
        columns={[
          t('portfolio.workload.member'),
          { label: t('portfolio.workload.creators'), right: true },
          { label: t('portfolio.workload.neededShort'), right: true },
          { label: t('portfolio.workload.loggedShort'), right: true },
        ]}
      >
        {w.members.map((m) => (
          <Table.Tr key={m.userId ?? 'nobody'}>
            <Table.Td>{m.name ?? t('portfolio.workload.unassigned')}</Table.Td>
            <Table.Td ta="right">{fmt.number(m.creators)}</Table.Td>
            <Table.Td ta="right">{hours(m.hoursPerWeek)}</Table.Td>
            <Table.Td ta="right">{hours(m.loggedHoursPerWeek)}</Table.Td>
          </Table.Tr>
        ))}
      </ScrollTable>
      <Text size="xs" c="dimmed" mt="xs">
        {t('portfolio.workload.byTier', {
          tiers: w.tiers
            .filter((x) => x.creators > 0)
            .map((x) =>
              t('portfolio.workload.tierPart', {
                tier: x.tier,
                hours: hours(x.hoursPerWeek),
                checkIns: formatDecimal(x.checkInsPerWeek, fmt.lng, 2),
                collabs: formatDecimal(x.collaborationsPerWeek, fmt.lng, 2),
              }),
            )
            .join('; '),
        })}
      </Text>
    </TableSection>
  );
}
