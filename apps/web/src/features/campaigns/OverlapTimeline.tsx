import type { ActivityWindow, Overlap } from '@evergreen/contracts';
import { Anchor, Box, Group, Paper, ScrollArea, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { intlLocale, useFormatters } from '../../shared/i18n/format.ts';
import { assignLanes, barPosition, monthTicks, windowKey } from './timeline.ts';

export const LANE = 18;

export const NAME_WIDTH = 170;

export function Timeline({
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

export function Legend({ color, label, line = false }: { color: string; label: string; line?: boolean }) {
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
