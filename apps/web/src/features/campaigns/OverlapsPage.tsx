import type { ActivityWindow, NotifyOverlapResult, Overlap } from '@evergreen/contracts';
import { isDay, utcToday } from '@evergreen/rules';
import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Group,
  Loader,
  Paper,
  ScrollArea,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconBellRinging, IconCheck, IconInfoCircle, IconMailOff } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { intlLocale, useFormatters } from '../../shared/i18n/format.ts';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { PageLoader, QueryError } from '../../shared/ui/QueryStates.tsx';
import { outcomeText } from '../messaging/MessageDraft.tsx';
import { useCurrentWorkspace } from '../workspaces/api.ts';
import { useOverlaps } from './api.ts';
import { Chips } from './CampaignBadges.tsx';
import { TellCreatorsDialog } from './TellCreatorsDialog.tsx';
import { assignLanes, barPosition, defaultRange, monthTicks, windowKey } from './timeline.ts';

const LANE = 18;
const NAME_WIDTH = 170;

export function OverlapsPage() {
  const { t } = useTranslation();
  const { workspaceId } = useCurrentWorkspace();
  const [searchParams, setSearchParams] = useSearchParams();
  const today = utcToday();
  const defaults = defaultRange(today);
  const fromParam = searchParams.get('from') ?? '';
  const toParam = searchParams.get('to') ?? '';
  const from = isDay(fromParam) ? fromParam : defaults.from;
  const to = isDay(toParam) && toParam >= from ? toParam : defaults.to;
  const calendar = useOverlaps(workspaceId, from, to);
  const setRange = (patch: { from?: string; to?: string }) => {
    const next = new URLSearchParams(searchParams);
    for (const [k, v] of Object.entries(patch)) {
      if (v && isDay(v)) next.set(k, v);
      else next.delete(k);
    }
    setSearchParams(next, { replace: true });
  };

  return (
    <>
      <PageHeader title={t('overlaps.title')} description={t('overlaps.description')} />
      <Stack gap="md">
        <Group gap="xs" align="flex-end">
          <TextInput
            type="date"
            label={t('overlaps.from')}
            value={from}
            onChange={(e) => setRange({ from: e.currentTarget.value })}
            w={170}
            data-testid="overlaps-from"
          />
          <TextInput
            type="date"
            label={t('overlaps.to')}
            value={to}
            min={from}
            onChange={(e) => setRange({ to: e.currentTarget.value })}
            w={170}
            data-testid="overlaps-to"
          />
          {fromParam || toParam ? (
            <Button variant="subtle" onClick={() => setRange({ from: '', to: '' })}>
              {t('overlaps.resetRange')}
            </Button>
          ) : null}
          {calendar.isFetching && calendar.data ? (
            <Loader size={14} role="status" aria-label={t('common.loading')} />
          ) : null}
        </Group>
        {calendar.isPending ? (
          <PageLoader />
        ) : calendar.isError && !calendar.data ? (
          <QueryError error={calendar.error} onRetry={() => void calendar.refetch()} />
        ) : (
          <>
            <Alert variant="light" color="blue" icon={<IconInfoCircle size={18} aria-hidden />}>
              {t('overlaps.rule', { count: calendar.data.overlapWindowDays })}{' '}
              <Anchor
                component={Link}
                to={`/w/${workspaceId}/settings/workspace`}
                inherit
                c="inherit"
                underline="always"
              >
                {t('overlaps.changeWindow')}
              </Anchor>
            </Alert>
            <Timeline
              workspaceId={workspaceId}
              windows={calendar.data.windows}
              overlaps={calendar.data.overlaps}
              from={calendar.data.from}
              to={calendar.data.to}
              today={today}
            />
            <OverlapList overlaps={calendar.data.overlaps} />
          </>
        )}
      </Stack>
    </>
  );
}

function Timeline({
  workspaceId,
  windows,
  overlaps,
  from,
  to,
  today,
}: {
  workspaceId: string;
  windows: ActivityWindow[];
  overlaps: Overlap[];
  from: string;
  to: string;
  today: string;
}) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const overlapping = useMemo(() => new Set(overlaps.flatMap((o) => o.windows.map(windowKey))), [overlaps]);
  const rows = useMemo(() => {
    const byCreator = new Map<string, ActivityWindow[]>();
    for (const w of windows) {
      if (!barPosition(w.startsOn, w.endsOn, from, to)) continue;
      byCreator.set(w.creatorId, [...(byCreator.get(w.creatorId) ?? []), w]);
    }
    return [...byCreator.values()]
      .map((ws) => ({
        creatorId: ws[0]!.creatorId,
        name: ws[0]!.creatorName,
        windows: ws,
        lanes: assignLanes(ws),
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }, [windows, from, to]);
  const ticks = monthTicks(from, to);
  const todayBar = barPosition(today, today, from, to);
  const monthFormat = new Intl.DateTimeFormat(intlLocale(fmt.lng), {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });

  if (rows.length === 0) {
    return (
      <Paper withBorder radius="md" p="md">
        <Text size="sm" c="dimmed" data-testid="overlaps-timeline-empty">
          {t('overlaps.noWindows')}
        </Text>
      </Paper>
    );
  }
  const grid = (
    <>
      {ticks.map((tick) => (
        <Box
          key={tick.day}
          style={{
            position: 'absolute',
            left: `${tick.leftPct}%`,
            top: 0,
            bottom: 0,
            borderLeft: '1px dashed var(--mantine-color-default-border)',
          }}
        />
      ))}
      {todayBar ? (
        <Box
          style={{
            position: 'absolute',
            left: `${todayBar.leftPct}%`,
            top: 0,
            bottom: 0,
            borderLeft: '2px solid var(--mantine-color-blue-5)',
            opacity: 0.6,
          }}
        />
      ) : null}
    </>
  );

  return (
    <Paper withBorder radius="md" p="sm" data-testid="overlaps-timeline">
      <Stack gap={4}>
        <Group justify="space-between">
          <Title order={2} size="h5">
            {t('overlaps.timeline')}
          </Title>
          <Group gap="md">
            <Legend color="var(--mantine-color-blue-5)" label={t('overlaps.legend.campaign')} />
            <Legend color="var(--mantine-color-gray-6)" label={t('overlaps.legend.deliverable')} />
            <Legend color="var(--mantine-color-red-6)" label={t('overlaps.legend.overlap')} />
            <Legend color="var(--mantine-color-blue-5)" label={t('overlaps.legend.today')} line />
          </Group>
        </Group>
        <ScrollArea type="auto">
          <Box miw={760}>
            <Group gap={0} wrap="nowrap" h={22}>
              <Box w={NAME_WIDTH} style={{ flexShrink: 0 }} />
              <Box style={{ position: 'relative', flex: 1, height: 22 }}>
                {ticks.map((tick) => (
                  <Text
                    key={tick.day}
                    size="xs"
                    c="dimmed"
                    style={{
                      position: 'absolute',
                      left: `calc(${tick.leftPct}% + 3px)`,
                      whiteSpace: 'nowrap',
                    }}
                  >
                    {monthFormat.format(new Date(`${tick.day}T00:00:00Z`))}
                  </Text>
                ))}
              </Box>
            </Group>
            {rows.map((row) => {
              const laneCount = Math.max(...row.lanes) + 1;
              return (
                <Group
                  key={row.creatorId}
                  gap={0}
                  wrap="nowrap"
                  align="stretch"
                  style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}
                  data-testid={`overlap-creator-${row.creatorId}`}
                >
                  <Box w={NAME_WIDTH} py={4} pr="xs" style={{ flexShrink: 0 }}>
                    <Anchor
                      component={Link}
                      to={`/w/${workspaceId}/creators/${row.creatorId}`}
                      size="sm"
                      lineClamp={1}
                    >
                      {row.name}
                    </Anchor>
                  </Box>
                  <Box style={{ position: 'relative', flex: 1, height: laneCount * LANE + 8 }}>
                    {grid}
                    {row.windows.map((w, i) => {
                      const bar = barPosition(w.startsOn, w.endsOn, from, to);
                      if (!bar) return null;
                      const hot = overlapping.has(windowKey(w));
                      const isCampaign = w.kind === 'campaign';
                      const color = hot
                        ? 'var(--mantine-color-red-6)'
                        : isCampaign
                          ? 'var(--mantine-color-blue-5)'
                          : 'var(--mantine-color-gray-6)';
                      return (
                        <Tooltip
                          // biome-ignore lint/suspicious/noArrayIndexKey: two windows can be identical; the list is never reordered
                          key={`${windowKey(w)}:${i}`}
                          multiline
                          w={280}
                          withArrow
                          label={
                            <Stack gap={0}>
                              <Text size="xs" fw={700}>
                                {w.campaignName}
                              </Text>
                              <Text size="xs">
                                {isCampaign
                                  ? t('overlaps.legend.campaign')
                                  : t('overlaps.legend.deliverable')}
                                {': '}
                                {w.startsOn === w.endsOn
                                  ? fmt.day(w.startsOn)
                                  : `${fmt.day(w.startsOn)} – ${fmt.day(w.endsOn)}`}
                              </Text>
                              <Text size="xs">
                                {[w.products.join(', '), w.markets.join(', ')].filter(Boolean).join(' · ')}
                              </Text>
                              {hot ? (
                                <Text size="xs" fw={700}>
                                  {t('overlaps.legend.overlap')}
                                </Text>
                              ) : null}
                            </Stack>
                          }
                        >
                          <Box
                            data-overlap={hot || undefined}
                            data-kind={w.kind}
                            style={{
                              position: 'absolute',
                              left: `${bar.leftPct}%`,
                              width: `max(${bar.widthPct}%, 5px)`,
                              top: 4 + row.lanes[i]! * LANE,
                              height: isCampaign ? LANE - 4 : LANE - 8,
                              marginTop: isCampaign ? 0 : 2,
                              background: color,
                              backgroundImage: hot
                                ? 'repeating-linear-gradient(45deg, rgba(255,255,255,.25) 0 4px, transparent 4px 8px)'
                                : undefined,
                              borderRadius: bar.clippedStart || bar.clippedEnd ? 2 : 4,
                              color: 'white',
                              fontSize: 10,
                              lineHeight: `${LANE - 4}px`,
                              paddingInline: 4,
                              overflow: 'hidden',
                              whiteSpace: 'nowrap',
                              textOverflow: 'ellipsis',
                              cursor: 'default',
                            }}
                          >
                            {isCampaign ? w.campaignName : ''}
                          </Box>
                        </Tooltip>
                      );
                    })}
                  </Box>
                </Group>
              );
            })}
          </Box>
        </ScrollArea>
      </Stack>
    </Paper>
  );
}

function Legend({ color, label, line = false }: { color: string; label: string; line?: boolean }) {
  return (
    <Group gap={4} wrap="nowrap">
      <Box
        w={line ? 2 : 14}
        h={line ? 14 : 8}
        style={{ background: color, borderRadius: line ? 0 : 2, opacity: line ? 0.6 : 1 }}
      />
      <Text size="xs" c="dimmed">
        {label}
      </Text>
    </Group>
  );
}

function OverlapList({ overlaps }: { overlaps: Overlap[] }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const { workspaceId, canWrite } = useCurrentWorkspace();
  const [results, setResults] = useState<Record<string, NotifyOverlapResult>>({});
  const [telling, setTelling] = useState<Overlap | null>(null);

  return (
    <Stack gap="sm">
      <TellCreatorsDialog
        workspaceId={workspaceId}
        overlap={telling}
        onClose={() => setTelling(null)}
        onDone={(r) => setResults((prev) => ({ ...prev, [r.key]: r }))}
      />
      <Title order={2} size="h4">
        {t('overlaps.listTitle', { count: overlaps.length })}
      </Title>
      {overlaps.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="overlaps-none">
          {t('overlaps.none')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table verticalSpacing="sm" striped data-testid="overlaps-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('overlaps.columns.creators')}</Table.Th>
                <Table.Th>{t('overlaps.columns.products')}</Table.Th>
                <Table.Th>{t('overlaps.columns.markets')}</Table.Th>
                <Table.Th>{t('overlaps.columns.dates')}</Table.Th>
                <Table.Th>{t('overlaps.columns.gap')}</Table.Th>
                <Table.Th>{t('overlaps.columns.action')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {overlaps.map((o) => {
                const result = results[o.key];
                return (
                  <Table.Tr key={o.key} data-testid={`overlap-row-${o.key}`}>
                    <Table.Td>
                      <Stack gap={2}>
                        {o.windows.map((w) => (
                          <Text key={`${w.creatorId}:${w.campaignId}:${w.startsOn}`} size="sm">
                            <Anchor
                              component={Link}
                              to={`/w/${workspaceId}/creators/${w.creatorId}`}
                              inherit
                              fw={600}
                            >
                              {w.creatorName}
                            </Anchor>
                            <Text span inherit c="dimmed">
                              {' · '}
                              <Anchor
                                component={Link}
                                to={`/w/${workspaceId}/campaigns/${w.campaignId}`}
                                inherit
                                // In a dimmed line, a link is told from its text by the underline.
                                underline="always"
                                c="dimmed"
                              >
                                {w.campaignName}
                              </Anchor>
                              {' · '}
                              {w.startsOn === w.endsOn
                                ? fmt.day(w.startsOn)
                                : `${fmt.day(w.startsOn)} – ${fmt.day(w.endsOn)}`}
                            </Text>
                          </Text>
                        ))}
                      </Stack>
                    </Table.Td>
                    <Table.Td>
                      <Chips items={o.products} />
                    </Table.Td>
                    <Table.Td>
                      <Chips items={o.markets} color="blue" />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                        {fmt.day(o.startsOn)} – {fmt.day(o.endsOn)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge
                        variant="light"
                        color={o.gapDays <= 0 ? 'red' : 'orange'}
                        tt="none"
                        data-gap={o.gapDays}
                        style={{ minWidth: 'max-content' }}
                      >
                        {o.gapDays <= 0
                          ? t('overlaps.sameTime')
                          : t('overlaps.apart', { duration: fmt.days(o.gapDays) })}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Stack gap={4} align="flex-start">
                        {canWrite ? (
                          <Button
                            size="xs"
                            variant={o.notified ? 'default' : 'light'}
                            leftSection={<IconBellRinging size={14} aria-hidden />}
                            onClick={() => setTelling(o)}
                            data-testid={`overlap-notify-${o.key}`}
                          >
                            {o.notified ? t('overlaps.tellAgain') : t('overlaps.tell')}
                          </Button>
                        ) : null}
                        {o.notified && !result ? (
                          <Badge
                            variant="light"
                            color="teal"
                            tt="none"
                            leftSection={<IconCheck size={12} aria-hidden />}
                          >
                            {t('overlaps.alreadyTold')}
                          </Badge>
                        ) : null}
                        {result ? (
                          <Stack gap={2} data-testid={`overlap-result-${o.key}`}>
                            {result.outcomes.map((r) => (
                              <Text
                                key={r.creatorId}
                                size="xs"
                                c={r.status === 'sent' ? 'teal' : 'orange'}
                                data-status={r.status}
                              >
                                {r.status === 'sent' ? (
                                  <IconCheck size={12} aria-hidden style={{ verticalAlign: -2 }} />
                                ) : (
                                  <IconMailOff size={12} aria-hidden style={{ verticalAlign: -2 }} />
                                )}{' '}
                                {outcomeText(r, t)}
                              </Text>
                            ))}
                          </Stack>
                        ) : null}
                      </Stack>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
