import type { MessageOutcome } from '@evergreen/contracts';
import {
  Alert,
  Button,
  CopyButton,
  Group,
  Paper,
  Stack,
  Text,
  Textarea,
  TextInput,
  ThemeIcon,
} from '@mantine/core';
import { IconCheck, IconClock, IconCopy, IconMail, IconMailOff, IconX } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface Draft {
  subject: string;
  body: string;
}

/** Says which merge fields the creator's record lacks (the message shows them blank). */
export function MissingFieldsAlert({ fields, compact }: { fields: string[]; compact?: boolean }) {
  const { t } = useTranslation();
  if (fields.length === 0) return null;
  return (
    <Alert color="yellow" variant="light" p={compact ? 'xs' : undefined}>
      {t('message.missingFields', { fields: fields.join(', ') })}
    </Alert>
  );
}

/**
 * The message as it will go, to read and change before sending: who it is to (or that there is
 * no address, so it is to be copied and sent by hand), the subject and the body.
 */
export function MessageDraftFields({
  to,
  creatorName,
  draft,
  onChange,
  testId,
}: {
  to: string | null;
  creatorName?: string;
  draft: Draft;
  onChange: (draft: Draft) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" p="sm" data-testid={testId}>
      <Stack gap="xs">
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          <Text span inherit c="dimmed">
            {t('message.to')}:
          </Text>{' '}
          {creatorName ? `${creatorName} ` : ''}
          {to ? `<${to}>` : null}
        </Text>
        {to ? null : (
          <Alert color="orange" variant="light" p="xs" icon={<IconMailOff size={16} aria-hidden />}>
            {t('message.draft.byHandBefore')}
          </Alert>
        )}
        <TextInput
          label={t('message.subject')}
          value={draft.subject}
          onChange={(e) => onChange({ ...draft, subject: e.currentTarget.value })}
          data-testid={`${testId}-subject`}
        />
        <Textarea
          label={t('message.draft.body')}
          value={draft.body}
          onChange={(e) => onChange({ ...draft, body: e.currentTarget.value })}
          autosize
          minRows={6}
          maxRows={18}
          data-testid={`${testId}-body`}
        />
      </Stack>
    </Paper>
  );
}

function CopyTextButton({ value, testId }: { value: string; testId?: string }) {
  const { t } = useTranslation();
  return (
    <CopyButton value={value}>
      {({ copied, copy }) => (
        <Button
          size="xs"
          variant="default"
          onClick={copy}
          leftSection={copied ? <IconCheck size={14} aria-hidden /> : <IconCopy size={14} aria-hidden />}
          data-testid={testId}
        >
          {copied ? t('common.copied') : t('message.copyText')}
        </Button>
      )}
    </CopyButton>
  );
}

const look: Record<MessageOutcome['status'], { color: string; icon: typeof IconCheck }> = {
  sent: { color: 'teal', icon: IconCheck },
  queued: { color: 'yellow', icon: IconClock },
  failed: { color: 'red', icon: IconX },
  by_hand: { color: 'orange', icon: IconMailOff },
};

/**
 * What really happened to each message, as the server read it back from the outbox: sent,
 * queued and why, failed, or to copy and send by hand. `extra` adds per-message actions
 * (e.g. "Mark as sent" for a message sent from the manager's own mail app).
 */
export function MessageOutcomes({
  outcomes,
  extra,
}: {
  outcomes: MessageOutcome[];
  extra?: (o: MessageOutcome) => ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" data-testid="message-outcomes">
      {outcomes.map((o) => {
        const { color, icon: Icon } = look[o.status];
        const statusText = outcomeText(o, t);
        const byHand = o.status === 'by_hand' || o.reason === 'smtp_not_configured' || o.status === 'failed';
        return (
          <Paper
            key={o.creatorId}
            withBorder
            radius="md"
            p="sm"
            data-testid={`message-outcome-${o.creatorId}`}
            data-status={o.status}
            data-reason={o.reason ?? ''}
          >
            <Stack gap={6}>
              <Group gap="xs" wrap="nowrap" align="flex-start">
                <ThemeIcon color={color} variant="light" size="sm" radius="xl">
                  <Icon size={14} aria-hidden />
                </ThemeIcon>
                <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                  {statusText}
                </Text>
              </Group>
              {o.portalLink && o.status !== 'by_hand' ? (
                <Text size="xs" c="dimmed" data-testid="message-outcome-portal" data-portal={o.portalLink}>
                  {t(`message.outcome.portal.${o.portalLink}`, { name: o.creatorName })}
                </Text>
              ) : null}
              {o.status !== 'sent' && o.lastError ? (
                <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                  {t('message.outcome.serverSaid', { error: o.lastError })}
                </Text>
              ) : null}
              {o.status === 'queued' && o.reason === 'will_retry' && o.nextAttemptAt ? (
                <Text size="xs" c="dimmed">
                  {t('message.outcome.nextAttempt', {
                    time: new Date(o.nextAttemptAt).toLocaleTimeString(undefined, {
                      hour: '2-digit',
                      minute: '2-digit',
                    }),
                  })}
                </Text>
              ) : null}
              {byHand ? (
                <>
                  {o.status === 'by_hand' ? (
                    <Paper bg="var(--mantine-color-default-hover)" p="xs" radius="sm">
                      <Text size="sm" fw={600}>
                        {o.subject}
                      </Text>
                      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="message-outcome-text">
                        {o.text}
                      </Text>
                    </Paper>
                  ) : null}
                  <Group gap="xs" wrap="wrap">
                    {o.mailto ? (
                      <Button
                        size="xs"
                        component="a"
                        href={o.mailto}
                        leftSection={<IconMail size={14} aria-hidden />}
                        data-testid="message-mailto"
                      >
                        {t('message.openMailApp')}
                      </Button>
                    ) : null}
                    <CopyTextButton value={`${o.subject}\n\n${o.text}`} testId="message-copy" />
                    {extra?.(o)}
                  </Group>
                </>
              ) : null}
            </Stack>
          </Paper>
        );
      })}
    </Stack>
  );
}

/** One sentence for what happened to a message: sent, queued and why, not sent, or to send by hand. */
export function outcomeText(o: MessageOutcome, t: TFunction): string {
  const name = o.creatorName;
  if (o.status === 'sent') return t('message.outcome.sent', { name });
  if (o.status === 'failed') return t('message.outcome.failed', { name });
  if (o.status === 'by_hand') return t('message.outcome.by_hand', { name });
  if (o.reason === 'smtp_not_configured') return t('message.outcome.queued.smtp_not_configured', { name });
  if (o.reason === 'will_retry') return t('message.outcome.queued.will_retry', { name });
  return t('message.outcome.queued.pending', { name });
}

/** A one-line summary for a notification: how many were sent, queued, or are to send by hand. */
export function outcomeSummary(outcomes: MessageOutcome[], t: TFunction): { color: string; message: string } {
  const count = (s: MessageOutcome['status']) => outcomes.filter((o) => o.status === s).length;
  const parts = [
    count('sent') ? t('message.summary.sent', { count: count('sent') }) : null,
    count('queued') ? t('message.summary.queued', { count: count('queued') }) : null,
    count('failed') ? t('message.summary.failed', { count: count('failed') }) : null,
    count('by_hand') ? t('message.summary.byHand', { count: count('by_hand') }) : null,
  ].filter(Boolean);
  return { color: count('sent') === outcomes.length ? 'teal' : 'yellow', message: parts.join(' · ') };
}
