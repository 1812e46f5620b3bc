import { Alert, Button, Group, List, Paper, Stack, Text, ThemeIcon } from '@mantine/core';
import {
  IconAlertTriangle,
  IconCalendarOff,
  IconCalendarPlus,
  IconCircleCheck,
  IconRefresh,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiErrorHandler } from '../../shared/api/useApiErrorHandler.ts';
import { useFormatters } from '../../shared/i18n/format.ts';
import { ConfirmButton } from '../../shared/ui/ConfirmButton.tsx';
import { CopyField } from '../../shared/ui/CopyField.tsx';
import { MutationConfirmButton } from '../../shared/ui/MutationConfirmButton.tsx';
import { PageHeader, SectionHeader } from '../../shared/ui/PageHeader.tsx';
import { PageLoader, QueryError } from '../../shared/ui/QueryStates.tsx';
import { useCurrentWorkspace } from '../workspaces/api.ts';
import { useCalendarFeed, useDeleteCalendarFeed, useRotateCalendarFeed } from './api.ts';

/** Settings → Calendar feed: the person's own check-ins as an iCalendar subscription (any role). */
export function CalendarFeedPage() {
  const { t } = useTranslation();
  const { workspaceId } = useCurrentWorkspace();
  return (
    <>
      <PageHeader title={t('settings.calendar.title')} description={t('settings.calendar.description')} />
      <CalendarFeed key={workspaceId} workspaceId={workspaceId} />
    </>
  );
}

function CalendarFeed({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const feed = useCalendarFeed(workspaceId);
  const rotate = useRotateCalendarFeed(workspaceId);
  const turnOff = useDeleteCalendarFeed(workspaceId);
  const handleError = useApiErrorHandler();
  // The URL holds the secret: the API returns it once, so it lives only in this page's state.
  const [url, setUrl] = useState<string | null>(null);

  const createOrRotate = () =>
    rotate
      .mutateAsync()
      .then((created) => setUrl(created.url))
      .catch((error: unknown) => handleError(error));

  if (feed.isPending) return <PageLoader />;
  if (feed.isError) return <QueryError error={feed.error} onRetry={() => void feed.refetch()} />;
  const { exists, createdAt, rotatedAt } = feed.data;

  return (
    <Stack gap="lg" data-testid="calendar-feed" data-exists={exists}>
      <Text size="sm">{t('calendar.what')}</Text>

      <Paper withBorder radius="md" p="md">
        <Stack gap="md">
          <Group gap="sm" wrap="nowrap" align="flex-start">
            <ThemeIcon variant="light" color={exists ? 'teal' : 'gray'} size="lg" radius="xl">
              {exists ? <IconCircleCheck size={20} aria-hidden /> : <IconCalendarOff size={20} aria-hidden />}
            </ThemeIcon>
            <Stack gap={2}>
              <Text fw={600} data-testid="calendar-status">
                {exists ? t('calendar.on') : t('calendar.off')}
              </Text>
              {exists && createdAt ? (
                <Text size="sm" c="dimmed">
                  {rotatedAt
                    ? t('calendar.createdRotated', {
                        created: fmt.date(createdAt),
                        rotated: fmt.dateTime(rotatedAt),
                      })
                    : t('calendar.created', { created: fmt.dateTime(createdAt) })}
                </Text>
              ) : null}
            </Stack>
          </Group>

          {url ? (
            <Stack gap="sm">
              <CopyField value={url} label={t('calendar.urlLabel')} testId="calendar-url" />
              <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />}>
                {t('calendar.urlOnce')}
              </Alert>
            </Stack>
          ) : null}

          {exists ? (
            <Stack gap="xs">
              {!url ? (
                <Text size="sm" c="dimmed">
                  {t('calendar.lostLink')}
                </Text>
              ) : null}
              <Group gap="sm">
                <ConfirmButton
                  variant="default"
                  leftSection={<IconRefresh size={16} aria-hidden />}
                  title={t('calendar.rotateTitle')}
                  message={t('calendar.rotateText')}
                  loading={rotate.isPending}
                  onConfirm={createOrRotate}
                  testId="calendar-rotate"
                >
                  {t('calendar.rotate')}
                </ConfirmButton>
                <MutationConfirmButton
                  mutation={turnOff}
                  variables={undefined}
                  onDone={() => setUrl(null)}
                  done={() => t('calendar.turnedOff')}
                  size="sm"
                  leftSection={<IconCalendarOff size={16} aria-hidden />}
                  title={t('calendar.offTitle')}
                  message={t('calendar.offText')}
                  testId="calendar-off"
                >
                  {t('calendar.turnOff')}
                </MutationConfirmButton>
              </Group>
            </Stack>
          ) : (
            <Group>
              <Button
                leftSection={<IconCalendarPlus size={16} aria-hidden />}
                loading={rotate.isPending}
                onClick={() => void createOrRotate()}
                data-testid="calendar-create"
              >
                {t('calendar.create')}
              </Button>
            </Group>
          )}
        </Stack>
      </Paper>

      <Stack gap="xs">
        <SectionHeader title={t('calendar.subscribeTitle')} description={t('calendar.subscribeIntro')} />
        <List size="sm" spacing="xs">
          <List.Item>
            <Text span inherit fw={600}>
              Google Calendar
            </Text>
            {`: ${t('calendar.google')}`}
          </List.Item>
          <List.Item>
            <Text span inherit fw={600}>
              Apple Calendar
            </Text>
            {`: ${t('calendar.apple')}`}
          </List.Item>
          <List.Item>
            <Text span inherit fw={600}>
              Outlook
            </Text>
            {`: ${t('calendar.outlook')}`}
          </List.Item>
        </List>
        <Text size="sm" c="dimmed">
          {t('calendar.refreshNote')}
        </Text>
      </Stack>
    </Stack>
  );
}
