import type { NotifyOverlapResult, Overlap } from '@evergreen/contracts';
import { isDay, utcToday } from '@evergreen/rules';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconBellRinging, IconCheck, IconInfoCircle, IconMailOff } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useFormatters } from '../../shared/i18n/format.ts';
import { ScrollTable, useHeadings } from '../../shared/layout/ListPage.tsx';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { PageLoader, QueryError } from '../../shared/ui/QueryStates.tsx';
import { outcomeText } from '../messaging/MessageDraft.tsx';
import { useCurrentWorkspace } from '../workspaces/api.ts';
import { useOverlaps } from './api.ts';
import { Chips } from './CampaignBadges.tsx';
import { Timeline } from './OverlapTimeline.tsx';
import { TellCreatorsDialog } from './TellCreatorsDialog.tsx';
import { defaultRange } from './timeline.ts';

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

function OverlapList({ overlaps }: { overlaps: Overlap[] }) {
  const { t } = useTranslation();
  const heading = useHeadings('overlaps.columns');
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
        <ScrollTable
          minWidth={900}
          verticalSpacing="sm"
          striped
          testId="overlaps-table"
          columns={heading('creators', 'products', 'markets', 'dates', 'gap', 'action')}
        >
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
        </ScrollTable>
      )}
    </Stack>
  );
}
