import { Button, Collapse, Group, Paper, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconCalendarDollar } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../shared/i18n/format.ts';
import { QueryError } from '../../shared/ui/QueryStates.tsx';
import type { OnTimeRow, useOnTime } from './api.ts';
import { onTimePercent } from './rules.ts';

/** The on-time rate: the overall figure, and each creator's on demand (collapsed at first). */
export function OnTimePanel({ query }: { query: ReturnType<typeof useOnTime> }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const [expanded, setExpanded] = useState(false);
  if (query.isPending) return null;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const list = query.data;
  const paid = list.reduce((s, c) => s + c.paid, 0);
  const onTime = list.reduce((s, c) => s + c.onTime, 0);
  const overall = onTimePercent(onTime, paid);
  const pctText = (pct: string | null) => (pct === null ? t('payments.onTime.none') : fmt.percent(pct));
  const color = (pct: string | null) =>
    pct === null ? 'gray' : Number(pct) >= 90 ? 'teal' : Number(pct) >= 70 ? 'yellow' : 'red';
  const shown = list.filter((c: OnTimeRow) => c.paid > 0);
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="on-time-heading">
      <Group justify="space-between" align="flex-start" mb="sm">
        <Stack gap={2}>
          <Title order={3} size="h5" id="on-time-heading">
            <Group gap={6} component="span">
              <IconCalendarDollar size={18} aria-hidden />
              {t('payments.onTime.title')}
            </Group>
          </Title>
          <Text size="xs" c="dimmed">
            {t('payments.onTime.explain')}
          </Text>
        </Stack>
        <Stack gap={0} align="flex-end">
          <Text size="xl" fw={700} c={color(overall)} data-testid="on-time-overall">
            {pctText(overall)}
          </Text>
          <Text size="xs" c="dimmed">
            {t('payments.onTime.overall', { onTime, paid })}
          </Text>
        </Stack>
      </Group>
      {shown.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('payments.onTime.noneYet')}
        </Text>
      ) : (
        <Button
          variant="subtle"
          size="xs"
          px={0}
          onClick={() => setExpanded((v) => !v)}
          aria-expanded={expanded}
          aria-controls="on-time-creators"
          data-testid="on-time-toggle"
        >
          {expanded ? t('payments.onTime.hideAll') : t('payments.onTime.showAll')}
        </Button>
      )}
      {shown.length === 0 ? null : (
        <Collapse expanded={expanded} id="on-time-creators">
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm" mt="sm">
            {shown.map((c) => (
              <Stack key={c.creatorId} gap={4} data-testid={`on-time-${c.creatorId}`}>
                <Group justify="space-between" gap="xs" wrap="nowrap">
                  <Text size="sm" truncate>
                    {c.creatorName}
                  </Text>
                  <Text size="sm" fw={600} c={color(c.ratePct)}>
                    {pctText(c.ratePct)}
                  </Text>
                </Group>
                <Progress
                  value={c.ratePct === null ? 0 : Number(c.ratePct)}
                  color={color(c.ratePct)}
                  size="sm"
                  aria-label={t('payments.onTime.creatorLabel', { name: c.creatorName })}
                />
                <Text size="xs" c="dimmed">
                  {t('payments.onTime.count', { onTime: c.onTime, paid: c.paid })}
                </Text>
              </Stack>
            ))}
          </SimpleGrid>
        </Collapse>
      )}
    </Paper>
  );
}
