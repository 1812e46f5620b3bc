import { Badge, Card, Group, List, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../shared/i18n/format.ts';
import { PageLoader, QueryError } from '../shared/ui/QueryStates.tsx';
import { usePortalOverlap } from './api.ts';
import { usePortal } from './PortalLayout.tsx';
import { PortalPageTitle } from './PortalPageTitle.tsx';

/**
 * The overlap calendar: each of the creator's windows (a campaign they post in), and when the
 * brand has other creators on the same product in their market. Busy periods say product,
 * market, dates and how many posts, never who (docs/portal.md, "Overlap calendar").
 */
export function PortalCalendarPage() {
  const { t } = useTranslation();
  const f = useFormatters();
  const { ws } = usePortal();
  const overlap = usePortalOverlap(ws);
  if (overlap.isPending) return <PageLoader />;
  if (overlap.isError) return <QueryError error={overlap.error} onRetry={() => overlap.refetch()} />;
  const range = (from: string, to: string) =>
    from === to ? f.day(from) : t('portal.calendar.range', { from: f.day(from), to: f.day(to) });
  return (
    <Stack gap="md">
      <PortalPageTitle title={t('portal.sections.calendar')} intro={t('portal.calendar.intro')} />
      {overlap.data.windows.length === 0 ? <Text c="dimmed">{t('portal.calendar.empty')}</Text> : null}
      {overlap.data.windows.map((w) => (
        <Card key={`${w.campaign}:${w.from}`} withBorder radius="md" padding="sm" data-testid="portal-window">
          <Stack gap={6}>
            <Group justify="space-between" wrap="wrap" gap="xs">
              <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                {w.campaign}
              </Text>
              <Text size="sm" c="dimmed">
                {range(w.from, w.to)}
              </Text>
            </Group>
            <Group gap={4} wrap="wrap">
              {w.products.map((p) => (
                <Badge key={p} variant="light">
                  {p}
                </Badge>
              ))}
              {w.markets.map((m) => (
                <Badge key={m} variant="outline">
                  {m}
                </Badge>
              ))}
            </Group>
            {w.myPosts.length > 0 ? (
              <Text size="sm">
                {t('portal.calendar.myPosts', {
                  list: w.myPosts
                    .map(
                      (p) =>
                        `${p.title ?? t('portal.calendar.post')} (${p.on ? f.day(p.on) : t('portal.posts.noDue')})`,
                    )
                    .join(', '),
                })}
              </Text>
            ) : null}
            {w.busy.length === 0 ? (
              <Text size="sm" c="teal.8" data-testid="portal-window-free">
                {t('portal.calendar.free')}
              </Text>
            ) : (
              <>
                <Text size="sm" fw={600}>
                  {t('portal.calendar.busyTitle')}
                </Text>
                <List size="sm" spacing={2}>
                  {w.busy.map((b) => (
                    <List.Item key={`${b.product}:${b.market}:${b.from}`} data-testid="portal-busy">
                      {t('portal.calendar.busyLine', {
                        range: range(b.from, b.to),
                        product: b.product,
                        market: b.market,
                        count: b.posts,
                      })}
                    </List.Item>
                  ))}
                </List>
              </>
            )}
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}
