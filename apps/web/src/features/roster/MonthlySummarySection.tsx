import type { Creator, MonthlySummaryState } from '@evergreen/contracts';
import { Button, Code, Group, Stack, Switch, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCalendarStats } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiErrorHandler } from '../../shared/api/useApiErrorHandler.ts';
import { intlLocale, useFormatters } from '../../shared/i18n/format.ts';
import { useCurrentWorkspace } from '../workspaces/api.ts';
import { useMonthlySummary, useUpdateMonthlySummary } from './api.ts';
import { SectionCard } from './SectionCard.tsx';

const monthLabel = (month: string, lng: string) =>
  new Intl.DateTimeFormat(intlLocale(lng), {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${month}-15T00:00:00Z`));

/**
 * The creator's monthly results summary on their profile: switch it off or on, a personal line for
 * the next one, the next one as the creator would read it, and what happened to each one sent.
 */
export function MonthlySummarySection({ creator }: { creator: Creator }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const { workspaceId, canWrite } = useCurrentWorkspace();
  const summary = useMonthlySummary(workspaceId, creator.id);
  const update = useUpdateMonthlySummary(workspaceId, creator.id);
  const handleError = useApiErrorHandler();
  const s = summary.data;
  const [note, setNote] = useState('');
  useEffect(() => setNote(s?.note ?? ''), [s?.note]);
  if (!s) return null;
  const save = (body: { enabled?: boolean; note?: string | null }) =>
    update.mutate(body, {
      onSuccess: () => notifications.show({ color: 'teal', message: t('portal.monthly.saved') }),
      onError: (error) => handleError(error),
    });
  const stateText = (h: MonthlySummaryState) => {
    const month = monthLabel(h.month, f.lng);
    if (h.status === 'not_sent') return t(`portal.monthly.notSent_${h.reason ?? 'opted_out'}`, { month });
    if (h.status === 'sent') return t('portal.monthly.sent', { month, date: f.dateTime(h.sentAt), to: h.to });
    if (h.status === 'queued')
      return t(h.lastError ? 'portal.monthly.queuedError' : 'portal.monthly.queued', {
        month,
        date: f.dateTime(h.nextAttemptAt),
        error: h.lastError,
      });
    if (h.status === 'failed') return t('portal.monthly.failed', { month, error: h.lastError ?? '' });
    return t(`portal.monthly.${h.status}`, { month });
  };
  return (
    <SectionCard
      icon={<IconCalendarStats size={18} aria-hidden />}
      title={t('portal.monthly.title')}
      intro={t('portal.monthly.intro')}
      testId="monthly-summary"
    >
      <Switch
        label={t('portal.monthly.enabled')}
        checked={s.enabled}
        disabled={!canWrite || update.isPending}
        onChange={(e) => save({ enabled: e.currentTarget.checked })}
        data-testid="monthly-summary-enabled"
      />
      {s.creatorOptedOut ? (
        <Text size="sm" c="orange.9" data-testid="monthly-summary-creator-opted-out">
          {t('portal.monthly.creatorOptedOut')}
        </Text>
      ) : null}
      <Text size="sm" data-testid="monthly-summary-next">
        {t('portal.monthly.next', {
          month: monthLabel(s.nextMonth, f.lng),
          date: f.day(s.nextSendOn, 'long'),
        })}{' '}
        {s.nextBlockedBy ? t(`portal.monthly.blocked_${s.nextBlockedBy}`) : null}
      </Text>
      {canWrite ? (
        <Stack gap={4}>
          <Textarea
            label={t('portal.monthly.note')}
            description={t('portal.monthly.noteHint')}
            value={note}
            maxLength={500}
            autosize
            minRows={2}
            onChange={(e) => setNote(e.currentTarget.value)}
            data-testid="monthly-summary-note"
          />
          <Group>
            <Button
              size="xs"
              variant="light"
              loading={update.isPending}
              disabled={note === (s.note ?? '')}
              onClick={() => save({ note: note.trim() || null })}
              data-testid="monthly-summary-save"
            >
              {t('portal.monthly.save')}
            </Button>
          </Group>
        </Stack>
      ) : null}
      <details>
        <summary>
          <Text span size="sm" fw={500}>
            {t('portal.monthly.preview')}
          </Text>
        </summary>
        <Stack gap={4} mt="xs" data-testid="monthly-summary-preview">
          {s.preview.to ? (
            <Text size="xs" c="dimmed">
              {t('portal.monthly.to', { to: s.preview.to })}
            </Text>
          ) : null}
          <Text size="sm" fw={600} lang={s.preview.language}>
            {s.preview.subject}
          </Text>
          <Code block lang={s.preview.language} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {s.preview.text}
          </Code>
        </Stack>
      </details>
      <Text size="sm" fw={500}>
        {t('portal.monthly.history')}
      </Text>
      {s.history.length ? (
        <Stack gap={2} data-testid="monthly-summary-history">
          {s.history.map((h) => (
            <Text key={h.month} size="sm">
              {stateText(h)}
            </Text>
          ))}
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          {t('portal.monthly.none')}
        </Text>
      )}
    </SectionCard>
  );
}
