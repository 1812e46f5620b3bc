import type { TimelineEntry } from '@evergreen/contracts';
import { Paper, Stack, Text, ThemeIcon, Timeline } from '@mantine/core';
import {
  IconClockPause,
  IconFileImport,
  IconMessageCircle,
  IconPoint,
  IconSparkles,
  IconStairs,
  IconToggleRight,
  IconUserCheck,
  type TablerIcon,
} from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../shared/i18n/format.ts';
import { PageLoader, QueryError } from '../../shared/ui/QueryStates.tsx';
import { useMembers } from '../team/api.ts';
import { useCurrentWorkspace } from '../workspaces/api.ts';
import { useTimeline } from './api.ts';
import { timelineText } from './timelineText.ts';

const icons: Record<string, { icon: TablerIcon; color: string }> = {
  touchpoint: { icon: IconMessageCircle, color: 'teal' },
  created: { icon: IconSparkles, color: 'grape' },
  tier_changed: { icon: IconStairs, color: 'blue' },
  status_changed: { icon: IconToggleRight, color: 'yellow' },
  owner_changed: { icon: IconUserCheck, color: 'cyan' },
  snoozed: { icon: IconClockPause, color: 'gray' },
  imported: { icon: IconFileImport, color: 'indigo' },
};

/** Everything that happened with the creator, newest first. */
export function TimelineTab({ creatorId }: { creatorId: string }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const { workspaceId } = useCurrentWorkspace();
  const timeline = useTimeline(workspaceId, creatorId);
  const members = useMembers(workspaceId);
  const names = useMemo(
    () => new Map((members.data ?? []).map((m) => [m.userId, m.name] as const)),
    [members.data],
  );

  if (timeline.isPending) return <PageLoader />;
  if (timeline.isError) return <QueryError error={timeline.error} onRetry={() => void timeline.refetch()} />;
  if (timeline.data.length === 0) {
    return (
      <Text c="dimmed" size="sm">
        {t('timeline.empty')}
      </Text>
    );
  }

  const ctx = { t, memberName: (id: string) => names.get(id) ?? null, day: fmt.day };
  return (
    <Paper withBorder radius="md" p="lg">
      <Timeline bulletSize={28} lineWidth={2} data-testid="creator-timeline">
        {timeline.data.map((entry, i) => (
          <Timeline.Item
            // Entries have no id of their own; the list is replaced as a whole.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            key={i}
            bullet={<EntryIcon type={entry.type} />}
            data-testid={`timeline-entry-${entry.type}`}
          >
            <Entry entry={entry} text={timelineText(entry, ctx)} />
          </Timeline.Item>
        ))}
      </Timeline>
    </Paper>
  );
}

function EntryIcon({ type }: { type: string }) {
  const { icon: Icon, color } = icons[type] ?? { icon: IconPoint, color: 'gray' };
  return (
    <ThemeIcon size={28} radius="xl" variant="light" color={color}>
      <Icon size={16} aria-hidden />
    </ThemeIcon>
  );
}

function Entry({ entry, text }: { entry: TimelineEntry; text: { title: string; detail: string | null } }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const who = entry.byName ?? t('audit.system');
  const when = entry.on ? fmt.day(entry.on) : fmt.dateTime(entry.at);
  return (
    <Stack gap={2} pb="xs">
      <Text size="sm" fw={600}>
        {text.title}
      </Text>
      {text.detail ? (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {text.detail}
        </Text>
      ) : null}
      {entry.reason ? (
        <Text size="sm" data-testid="timeline-reason">
          <Text span inherit c="dimmed">
            {t('timeline.reason')}:
          </Text>{' '}
          {entry.reason}
        </Text>
      ) : null}
      <Text size="xs" c="dimmed">
        {who} · {when}
      </Text>
    </Stack>
  );
}
