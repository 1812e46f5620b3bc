import type { PortfolioOverview, PortfolioSettings } from '@evergreen/contracts';
import { Alert, Badge, Button, Group, NumberInput, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatters } from '../../shared/i18n/format.ts';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { PageLoader, QueryError } from '../../shared/ui/QueryStates.tsx';
import { formatDecimal, formatMultiple, formatRate } from '../performance/numbers.ts';
import { PeriodPicker, usePeriod } from '../performance/PeriodPicker.tsx';
import { useMoney } from '../performance/parts.tsx';
import { EmptyHint, Section, Stat } from '../performance/ui.tsx';
import { useCurrentWorkspace } from '../workspaces/api.ts';
import { portfolioCsvUrl, usePortfolio, useSavePortfolioSettings } from './api.ts';
import { LorenzCurve } from './LorenzCurve.tsx';

export function PortfolioPage() {
  const { t } = useTranslation();
  const { workspaceId: ws, canWrite } = useCurrentWorkspace();
  const [period, setPeriod] = usePeriod();
  const q = usePortfolio(ws, period);
  return (
    <>
      <PageHeader title={t('portfolio.title')} description={t('portfolio.description')} />
      <Stack gap="lg" data-testid="portfolio-page">
        <PeriodPicker value={period} onChange={setPeriod} />
        {q.isPending ? (
          <PageLoader />
        ) : q.isError ? (
          <QueryError error={q.error} onRetry={() => void q.refetch()} />
        ) : (
          <PortfolioView ws={ws} data={q.data} period={period} canWrite={canWrite} />
        )}
      </Stack>
    </>
  );
}

function PortfolioView({
  ws,
  data,
  period,
  canWrite,
}: {
  ws: string;
  data: PortfolioOverview;
  period: { from: string; to: string };
  canWrite: boolean;
}) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const money = useMoney(data.currency);
  const c = data.concentration;
  const tu = data.turnover;
  const pct = (v: string | null) => formatRate(v, fmt.lng, 1);
  return (
    <>
      <Section
        id="portfolio-tiers"
        title={t('portfolio.tiers.title')}
        description={t('portfolio.tiers.description')}
      >
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          {data.tiers.map((tier) => (
            <Stat
              key={tier.tier}
              label={tier.name}
              value={fmt.number(tier.count)}
              hint={t(`portfolio.tiers.health.${tier.health}`, {
                target:
                  tier.targetMin == null && tier.targetMax == null
                    ? t('portfolio.tiers.noTarget')
                    : `${tier.targetMin ?? 0}–${tier.targetMax ?? '∞'}`,
                gap: Math.abs(tier.gap),
              })}
              testId={`portfolio-tier-${tier.tier}`}
            />
          ))}
        </SimpleGrid>
        <Text size="sm" fw={600} mt="md">
          {t('portfolio.bench.title', { n: data.benchTotal })}
        </Text>
        {data.bench.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('portfolio.bench.empty')}
          </Text>
        ) : (
          <Group gap="xs" mt={4} data-testid="portfolio-bench">
            {data.bench.map((b) => (
              <Badge
                key={b.creatorId}
                component={Link}
                to={`/w/${ws}/creators/${b.creatorId}`}
                variant="light"
                style={{ cursor: 'pointer' }}
              >
                {b.name} · {t('portfolio.tierShort', { tier: b.tier })}
              </Badge>
            ))}
          </Group>
        )}
      </Section>

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
            <Table.ScrollContainer minWidth={420}>
              <Table striped data-testid="portfolio-top-table">
                <Table.Caption>{t('portfolio.concentration.tableCaption')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('portfolio.columns.creator')}</Table.Th>
                    <Table.Th ta="right">{t('portfolio.concentration.share')}</Table.Th>
                    <Table.Th ta="right">{t('portfolio.markets.spend')}</Table.Th>
                    <Table.Th ta="right">{t('portfolio.markets.roi')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
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
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Stack>
        )}
      </Section>

      <Section
        id="portfolio-turnover"
        title={t('portfolio.turnover.title')}
        description={t('portfolio.turnover.description', { from: fmt.day(tu.from), to: fmt.day(tu.to) })}
        csvUrl={portfolioCsvUrl(ws, 'turnover', period)}
      >
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Stat
            label={t('portfolio.turnover.rate')}
            value={pct(tu.rate)}
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
      </Section>

      <Section
        id="portfolio-phases"
        title={t('portfolio.phases.title')}
        description={t('portfolio.phases.description')}
        csvUrl={portfolioCsvUrl(ws, 'phases', period)}
      >
        {data.phases.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('portfolio.phases.empty')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={520}>
            <Table striped data-testid="portfolio-phases-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('portfolio.columns.creator')}</Table.Th>
                  <Table.Th>{t('portfolio.phases.month')}</Table.Th>
                  <Table.Th>{t('portfolio.phases.phase')}</Table.Th>
                  <Table.Th>{t('portfolio.phases.asks')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
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
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Section>

      <Section
        id="portfolio-markets"
        title={t('portfolio.markets.title')}
        description={t('portfolio.markets.description')}
        csvUrl={portfolioCsvUrl(ws, 'markets', period)}
      >
        <SimpleGrid cols={{ base: 1, sm: 3 }} mb="sm">
          <Stat
            label={t('portfolio.roi.portfolio')}
            value={formatRate(data.portfolio.measures.roi, fmt.lng, 0)}
            hint={t('portfolio.roi.spend', { spend: money(data.portfolio.measures.costMinor) })}
            testId="portfolio-roi"
          />
          <Stat
            label={t('portfolio.roi.median')}
            value={formatRate(data.portfolio.medianCreatorRoi, fmt.lng, 0)}
            hint={t('portfolio.roi.profitable', {
              n: data.portfolio.creatorsProfitable,
              of: data.portfolio.creatorsWithCost,
            })}
            testId="portfolio-median-roi"
          />
          <Stat
            label={t('portfolio.roi.roas')}
            value={formatMultiple(data.portfolio.measures.roas, fmt.lng)}
            testId="portfolio-roas"
          />
        </SimpleGrid>
        <Table.ScrollContainer minWidth={420}>
          <Table striped data-testid="portfolio-markets-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('portfolio.markets.market')}</Table.Th>
                <Table.Th ta="right">{t('portfolio.markets.creators')}</Table.Th>
                <Table.Th ta="right">{t('portfolio.markets.spend')}</Table.Th>
                <Table.Th ta="right">{t('portfolio.markets.revenue')}</Table.Th>
                <Table.Th ta="right">{t('portfolio.markets.roi')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.markets.map((m) => (
                <Table.Tr key={m.market ?? '-'}>
                  <Table.Td>
                    {m.market ? (fmt.region(m.market) ?? m.market) : t('portfolio.markets.none')}
                  </Table.Td>
                  <Table.Td ta="right">{fmt.number(m.creators)}</Table.Td>
                  <Table.Td ta="right">{money(m.costMinor)}</Table.Td>
                  <Table.Td ta="right">{money(m.revenueMinor)}</Table.Td>
                  <Table.Td ta="right">{formatRate(m.roi, fmt.lng, 0)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Section>

      <Section
        id="portfolio-workload"
        title={t('portfolio.workload.title')}
        description={t('portfolio.workload.description')}
        csvUrl={portfolioCsvUrl(ws, 'workload', period)}
      >
        <SimpleGrid cols={{ base: 1, sm: 2 }} mb="sm">
          <Stat
            label={t('portfolio.workload.needed')}
            value={t('portfolio.workload.hours', {
              hours: formatDecimal(data.workload.hoursPerWeek, fmt.lng, 1),
            })}
            testId="portfolio-workload-hours"
          />
          <Stat
            label={t('portfolio.workload.logged')}
            value={t('portfolio.workload.hours', {
              hours: formatDecimal(data.workload.loggedHoursPerWeek, fmt.lng, 1),
            })}
            hint={t('portfolio.workload.loggedHint', {
              from: fmt.day(data.workload.loggedFrom),
              n: data.workload.touchpointsWithoutMinutes,
            })}
            testId="portfolio-workload-logged"
          />
        </SimpleGrid>
        <Table.ScrollContainer minWidth={420}>
          <Table striped data-testid="portfolio-workload-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('portfolio.workload.member')}</Table.Th>
                <Table.Th ta="right">{t('portfolio.workload.creators')}</Table.Th>
                <Table.Th ta="right">{t('portfolio.workload.neededShort')}</Table.Th>
                <Table.Th ta="right">{t('portfolio.workload.loggedShort')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.workload.members.map((m) => (
                <Table.Tr key={m.userId ?? 'nobody'}>
                  <Table.Td>{m.name ?? t('portfolio.workload.unassigned')}</Table.Td>
                  <Table.Td ta="right">{fmt.number(m.creators)}</Table.Td>
                  <Table.Td ta="right">{formatDecimal(m.hoursPerWeek, fmt.lng, 1)}</Table.Td>
                  <Table.Td ta="right">{formatDecimal(m.loggedHoursPerWeek, fmt.lng, 1)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Text size="xs" c="dimmed" mt="xs">
          {t('portfolio.workload.byTier', {
            tiers: data.workload.tiers
              .filter((x) => x.creators > 0)
              .map((x) =>
                t('portfolio.workload.tierPart', {
                  tier: x.tier,
                  hours: formatDecimal(x.hoursPerWeek, fmt.lng, 1),
                  checkIns: formatDecimal(x.checkInsPerWeek, fmt.lng, 2),
                  collabs: formatDecimal(x.collaborationsPerWeek, fmt.lng, 2),
                }),
              )
              .join('; '),
          })}
        </Text>
      </Section>

      <SettingsSection ws={ws} settings={data.workload.settings} canWrite={canWrite} />
    </>
  );
}

const FIELDS = [
  'concentrationWarnPct',
  'touchpointMinutes',
  'briefMinutes',
  'reviewMinutes',
  'reportMinutes',
] as const;

function SettingsSection({
  ws,
  settings,
  canWrite,
}: {
  ws: string;
  settings: PortfolioSettings;
  canWrite: boolean;
}) {
  const { t } = useTranslation();
  const save = useSavePortfolioSettings(ws);
  const [draft, setDraft] = useState<PortfolioSettings>(settings);
  // Take the server's values when they change (not on every refetch of the same values, which
  // would throw away what is being typed).
  const saved = JSON.stringify(settings);
  useEffect(() => setDraft(JSON.parse(saved) as PortfolioSettings), [saved]);
  const changed = FIELDS.some((f) => draft[f] !== settings[f]);
  return (
    <Section
      id="portfolio-settings"
      title={t('portfolio.settings.title')}
      description={t('portfolio.settings.description')}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate(draft);
        }}
      >
        <SimpleGrid cols={{ base: 1, xs: 2, md: 5 }}>
          {FIELDS.map((f) => (
            <NumberInput
              key={f}
              label={t(`portfolio.settings.${f}`)}
              value={draft[f]}
              min={f === 'concentrationWarnPct' ? 1 : 0}
              max={f === 'concentrationWarnPct' ? 100 : 1440}
              allowDecimal={false}
              disabled={!canWrite}
              onChange={(v) => setDraft((d) => ({ ...d, [f]: typeof v === 'number' ? v : d[f] }))}
              data-testid={`portfolio-setting-${f}`}
            />
          ))}
        </SimpleGrid>
        {save.isError ? (
          <Text c="red" size="sm" mt="xs" role="alert">
            {save.error.message}
          </Text>
        ) : null}
        {canWrite ? (
          <Button
            type="submit"
            mt="sm"
            loading={save.isPending}
            disabled={!changed}
            data-testid="portfolio-settings-save"
          >
            {t('portfolio.settings.save')}
          </Button>
        ) : null}
      </form>
    </Section>
  );
}
