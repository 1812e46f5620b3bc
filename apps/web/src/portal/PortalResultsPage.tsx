import type { PortalResults, PortalResultsSpan } from '@evergreen/contracts';
import { Anchor, Badge, Card, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../shared/i18n/format.ts';
import { formatMoney } from '../shared/money.ts';
import { PageLoader, QueryError } from '../shared/ui/QueryStates.tsx';
import { usePortalResults } from './api.ts';
import { PortalInsightCard } from './PortalInsightCard.tsx';
import { usePortal } from './PortalLayout.tsx';
import { PortalPageTitle } from './PortalPageTitle.tsx';

/**
 * The reader's formatters, with a rate (0.05) as a percentage in their language (5%) and an amount
 * in the results' currency.
 */
function useResultsFormat(currency: string) {
  const f = useFormatters();
  return {
    ...f,
    pct: (rate: string | null) => (rate == null ? '—' : f.percent(String(Number(rate) * 100))),
    money: (minor: number) => formatMoney(minor, currency, f.lng),
  };
}

/**
 * The creator's results: their posts by number against their own average, the last 90 days
 * against the 90 before, orders from their codes and links, what the brand learned. Never
 * another creator's figure (docs/portal.md, "Results").
 */
export function PortalResultsPage() {
  const { t } = useTranslation();
  const { ws } = usePortal();
  const results = usePortalResults(ws);
  if (results.isPending) return <PageLoader />;
  if (results.isError) return <QueryError error={results.error} onRetry={() => results.refetch()} />;
  const r = results.data;
  return (
    <Stack gap="md">
      <PortalPageTitle title={t('portal.sections.results')} intro={t('portal.results.intro')} />
      <Compare r={r} />
      <Posts r={r} />
      <Trackers r={r} />
      <Learned r={r} />
    </Stack>
  );
}

function Compare({ r }: { r: PortalResults }) {
  const { t } = useTranslation();
  const f = useResultsFormat(r.currency);
  const rows: {
    key: 'posts' | 'reach' | 'engagementRate' | 'orders' | 'revenue' | 'customers';
    value: (s: PortalResultsSpan) => string;
  }[] = [
    { key: 'posts', value: (s) => f.number(s.posts) },
    { key: 'reach', value: (s) => f.number(s.reach) },
    { key: 'engagementRate', value: (s) => f.pct(s.engagementRate) },
    { key: 'orders', value: (s) => f.number(s.orders) },
    { key: 'revenue', value: (s) => f.money(s.revenueMinor) },
    { key: 'customers', value: (s) => f.number(s.customersAcquired) },
  ];
  return (
    <Paper withBorder radius="md" p="md" data-testid="portal-results-compare">
      <Stack gap="xs">
        <Title order={2} size="h5">
          {t('portal.results.compareTitle')}
        </Title>
        <SimpleGrid cols={3} spacing="xs" verticalSpacing={4}>
          <span />
          <Text size="xs" c="dimmed" fw={600}>
            {t('portal.results.recent', { from: f.day(r.recent.from), to: f.day(r.recent.to) })}
          </Text>
          <Text size="xs" c="dimmed" fw={600}>
            {t('portal.results.earlier', { from: f.day(r.earlier.from), to: f.day(r.earlier.to) })}
          </Text>
          {rows.map((row) => [
            <Text key={`${row.key}-l`} size="sm">
              {t(`portal.results.measure.${row.key}`)}
            </Text>,
            <Text key={`${row.key}-r`} size="sm" fw={600} data-testid={`portal-results-recent-${row.key}`}>
              {row.value(r.recent)}
            </Text>,
            <Text key={`${row.key}-e`} size="sm" data-testid={`portal-results-earlier-${row.key}`}>
              {row.value(r.earlier)}
            </Text>,
          ])}
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}

function Posts({ r }: { r: PortalResults }) {
  const { t } = useTranslation();
  const f = useResultsFormat(r.currency);
  return (
    <Stack gap="xs">
      <Title order={2} size="h5">
        {t('portal.results.postsTitle')}
      </Title>
      {r.averageEngagementRate ? (
        <Text size="sm" c="dimmed" data-testid="portal-results-average">
          {t('portal.results.average', { rate: f.pct(r.averageEngagementRate) })}
        </Text>
      ) : null}
      {r.posts.length === 0 ? <Text c="dimmed">{t('portal.results.noPosts')}</Text> : null}
      {r.posts.map((p) => {
        const vs = p.vsAverage == null ? null : Number(p.vsAverage);
        return (
          <Card key={p.id} withBorder radius="md" padding="sm" data-testid="portal-results-post">
            <Stack gap={4}>
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Text fw={600} style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                  {t('portal.results.postNumber', { n: p.ordinal })}
                  {p.title ? ` · ${p.title}` : ''}
                </Text>
                <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
                  {f.date(p.postedAt)}
                </Text>
              </Group>
              <Text size="sm" data-testid="portal-results-post-rate">
                {t('portal.results.postLine', {
                  reach: p.reach == null ? '—' : f.number(p.reach),
                  rate: f.pct(p.engagementRate),
                })}
              </Text>
              {vs != null && vs !== 0 ? (
                <Badge
                  variant="light"
                  color={vs > 0 ? 'teal' : 'gray'}
                  style={{ alignSelf: 'flex-start' }}
                  data-testid="portal-results-vs"
                >
                  {t(vs > 0 ? 'portal.results.above' : 'portal.results.below', {
                    value: f.pct(String(Math.abs(vs))),
                  })}
                </Badge>
              ) : null}
              {p.orders > 0 ? (
                <Text size="sm" c="dimmed">
                  {t('portal.results.postOrders', {
                    count: p.orders,
                    revenue: f.money(p.revenueMinor),
                  })}
                </Text>
              ) : null}
              {p.url ? (
                <Anchor
                  href={p.url}
                  target="_blank"
                  rel="noreferrer"
                  size="sm"
                  style={{ overflowWrap: 'anywhere' }}
                >
                  {t('portal.results.openPost')}
                </Anchor>
              ) : null}
            </Stack>
          </Card>
        );
      })}
    </Stack>
  );
}

function Trackers({ r }: { r: PortalResults }) {
  const { t } = useTranslation();
  const f = useResultsFormat(r.currency);
  if (r.trackers.length === 0) return null;
  return (
    <Paper withBorder radius="md" p="md" data-testid="portal-results-trackers">
      <Stack gap="xs">
        <Title order={2} size="h5">
          {t('portal.results.trackersTitle')}
        </Title>
        {r.trackers.map((k) => (
          <Group key={`${k.kind}:${k.label}`} justify="space-between" wrap="nowrap" gap="xs">
            <Text
              size="sm"
              ff={k.kind === 'promo_code' ? 'monospace' : undefined}
              truncate
              style={{ minWidth: 0 }}
            >
              {k.label}
            </Text>
            <Text size="sm" style={{ flexShrink: 0 }}>
              {t('portal.results.trackerLine', {
                count: k.orders,
                revenue: f.money(k.revenueMinor),
              })}
            </Text>
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}

function Learned({ r }: { r: PortalResults }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" data-testid="portal-results-learned">
      <Title order={2} size="h5">
        {t('portal.results.learnedTitle')}
      </Title>
      {r.learned.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('portal.results.noLearned')}
        </Text>
      ) : null}
      {r.learned.map((i) => (
        <PortalInsightCard key={i.id} insight={i} testId="portal-learned">
          <Text size="sm">{i.body}</Text>
        </PortalInsightCard>
      ))}
    </Stack>
  );
}
