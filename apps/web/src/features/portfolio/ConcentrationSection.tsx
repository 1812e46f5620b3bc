import { Alert, Group, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatters } from '../../shared/i18n/format.ts';
import { ScrollTable } from '../../shared/layout/ListPage.tsx';
import { formatDecimal, formatRate } from '../performance/numbers.ts';
import { useMoney } from '../performance/parts.tsx';
import { EmptyHint, Section, Stat } from '../performance/ui.tsx';
import { portfolioCsvUrl } from './api.ts';
import { LorenzCurve } from './LorenzCurve.tsx';
import type { PortfolioSectionProps } from './sections.ts';

/** How much of the results the top creators bring: the Lorenz curve, the top share and its warning. */
export function ConcentrationSection({ ws, data, period }: PortfolioSectionProps) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const money = useMoney(data.currency);
  const c = data.concentration;
  const pct = (v: string | null) => formatRate(v, fmt.lng, 1);
  return (
    <Section
      id="portfolio-concentration"
      title={t('portfolio.concentration.title')}
      description={t(`portfolio.concentration.basis.${c.basis}`)}
      csvUrl={portfolioCsvUrl(ws, 'concentration', period)}
    >
      {c.topShare === null ? (
        <EmptyHint title={t('portfolio.concentration.emptyTitle')}>
          {t('portfolio.concentration.emptyText')}
        </EmptyHint>
      ) : (
        <Stack gap="sm">
          {c.warning ? (
            <Alert
              color="orange"
              icon={<IconAlertTriangle size={18} aria-hidden />}
              data-testid="portfolio-concentration-warning"
            >
              {t('portfolio.concentration.warning', { share: pct(c.topShare), limit: c.warnPct })}
            </Alert>
          ) : null}
          <Group align="flex-start" gap="xl" wrap="wrap">
            <LorenzCurve
              points={c.lorenz}
              summary={t('portfolio.concentration.summary', {
                top: c.topCount,
                n: c.creators,
                share: pct(c.topShare),
              })}
            />
            <Stack gap="xs" style={{ flex: '1 1 200px' }}>
              <Stat
                label={t('portfolio.concentration.topShare', { top: c.topCount, n: c.creators })}
                value={pct(c.topShare)}
                hint={t('portfolio.concentration.threshold', { limit: c.warnPct })}
                testId="portfolio-top-share"
              />
              <Text size="xs" c="dimmed">
                {t('portfolio.concentration.gini', { gini: formatDecimal(c.gini, fmt.lng, 2) })}
              </Text>
            </Stack>
          </Group>
          <ScrollTable
            minWidth={420}
            striped
            testId="portfolio-top-table"
            caption={t('portfolio.concentration.tableCaption')}
            columns={[
              t('portfolio.columns.creator'),
              { label: t('portfolio.concentration.share'), right: true },
              { label: t('portfolio.markets.spend'), right: true },
              { label: t('portfolio.markets.roi'), right: true },
            ]}
          >
            {c.rows
              .filter((r) => r.inTop)
              .map((r) => (
                <Table.Tr key={r.creatorId}>
                  <Table.Td>
                    <Link to={`/w/${ws}/creators/${r.creatorId}`}>{r.name}</Link>
                  </Table.Td>
                  <Table.Td ta="right">{pct(r.share)}</Table.Td>
                  <Table.Td ta="right">{money(r.costMinor)}</Table.Td>
                  <Table.Td ta="right">{formatRate(r.roi, fmt.lng, 0)}</Table.Td>
                </Table.Tr>
              ))}
          </ScrollTable>
        </Stack>
      )}
    </Section>
  );
}
