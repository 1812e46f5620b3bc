import type { TimelineEntry } from '@evergreen/contracts';
import { Paper, Stack, Text, ThemeIcon, Timeline } from '@mantine/core';
import {
  IconAlertTriangle,
  IconArrowUpRight,
  IconBulb,
  IconCheck,
  IconCircleCheck,
  IconClipboardCheck,
  IconClipboardText,
  IconClockPause,
  IconDoorExit,
  IconFileCheck,
  IconFileImport,
  IconFileOff,
  IconFileText,
  IconGitPullRequest,
  IconHeartHandshake,
  IconMessageCircle,
  IconPlayerPlay,
  IconPoint,
  IconRefresh,
  IconScale,
  IconSend,
  IconSparkles,
  IconStairs,
  IconStar,
  IconToggleRight,
  IconUserCheck,
  IconX,
  type TablerIcon,
} from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../shared/i18n/format.ts';
import { PageLoader, QueryError } from '../../shared/ui/QueryStates.tsx';
import { useMembers } from '../team/api.ts';
import { useCurrentWorkspace } from '../workspaces/api.ts';
import { useTimeline } from './api.ts';
import { isTimelineType, type TimelineType, timelineText } from './timelineText.ts';

const icons: Record<TimelineType, { icon: TablerIcon; color: string }> = {
  touchpoint: { icon: IconMessageCircle, color: 'teal' },
  created: { icon: IconSparkles, color: 'grape' },
  tier_changed: { icon: IconStairs, color: 'blue' },
  status_changed: { icon: IconToggleRight, color: 'yellow' },
  owner_changed: { icon: IconUserCheck, color: 'cyan' },
  snoozed: { icon: IconClockPause, color: 'gray' },
  imported: { icon: IconFileImport, color: 'indigo' },
  agreement_created: { icon: IconFileText, color: 'gray' },
  agreement_sent: { icon: IconSend, color: 'blue' },
  agreement_accepted: { icon: IconFileCheck, color: 'teal' },
  agreement_activated: { icon: IconPlayerPlay, color: 'green' },
  agreement_notice: { icon: IconDoorExit, color: 'orange' },
  agreement_ended: { icon: IconFileOff, color: 'red' },
  agreement_month_six: { icon: IconScale, color: 'violet' },
  agreement_renewed: { icon: IconRefresh, color: 'green' },
  brief_created: { icon: IconClipboardText, color: 'gray' },
  brief_sent: { icon: IconSend, color: 'blue' },
  brief_accepted: { icon: IconClipboardCheck, color: 'teal' },
  brief_change_requested: { icon: IconGitPullRequest, color: 'orange' },
  brief_change_accepted: { icon: IconCheck, color: 'teal' },
  brief_change_declined: { icon: IconX, color: 'red' },
  brief_declined: { icon: IconX, color: 'red' },
  rated: { icon: IconStar, color: 'yellow' },
  score_override: { icon: IconHeartHandshake, color: 'grape' },
  score_override_cleared: { icon: IconHeartHandshake, color: 'gray' },
  issue_opened: { icon: IconAlertTriangle, color: 'orange' },
  issue_escalated: { icon: IconArrowUpRight, color: 'red' },
  issue_resolved: { icon: IconCircleCheck, color: 'teal' },
  issue_reopened: { icon: IconAlertTriangle, color: 'orange' },
  insight: { icon: IconBulb, color: 'cyan' },
  suggestion_accepted: { icon: IconCheck, color: 'teal' },
  suggestion_dismissed: { icon: IconX, color: 'gray' },
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
  const { icon: Icon, color } = isTimelineType(type) ? icons[type] : { icon: IconPoint, color: 'gray' };
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
