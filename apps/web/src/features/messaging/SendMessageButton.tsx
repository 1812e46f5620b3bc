import type { Language, SentMessage } from '@evergreen/contracts';
import {
  Alert,
  Button,
  CopyButton,
  Group,
  Modal,
  Paper,
  SegmentedControl,
  Select,
  Skeleton,
  Stack,
  Text,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCheck, IconCopy, IconMail, IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiErrorHandler } from '../../shared/api/useApiErrorHandler.ts';
import { QueryError } from '../../shared/ui/QueryStates.tsx';
import { useMarkSent, useMessagePreview, useSendMessage, useTemplates } from './api.ts';
import { templateName } from './templateForm.ts';

interface SendMessageButtonProps {
  workspaceId: string;
  creatorId: string;
  creatorName: string;
  /** The template to start with (Today's nudge); else a light check-in. */
  templateKey?: string;
  size?: 'xs' | 'sm';
  testId: string;
}

/** "Send message": a template in the creator's language, previewed, then queued in the outbox. */
export function SendMessageButton({
  workspaceId,
  creatorId,
  creatorName,
  templateKey,
  size = 'sm',
  testId,
}: SendMessageButtonProps) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button
        size={size}
        variant="default"
        leftSection={<IconMail size={size === 'xs' ? 14 : 16} aria-hidden />}
        onClick={() => setOpened(true)}
        data-testid={testId}
      >
        {t('message.button')}
      </Button>
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        title={t('message.title', { name: creatorName })}
        size="lg"
      >
        {opened ? (
          <SendMessageForm
            workspaceId={workspaceId}
            creatorId={creatorId}
            creatorName={creatorName}
            initialTemplate={templateKey ?? 'check_in'}
            onClose={() => setOpened(false)}
          />
        ) : null}
      </Modal>
    </>
  );
}

function SendMessageForm({
  workspaceId,
  creatorId,
  creatorName,
  initialTemplate,
  onClose,
}: {
  workspaceId: string;
  creatorId: string;
  creatorName: string;
  initialTemplate: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const templates = useTemplates(workspaceId);
  const [templateKey, setTemplateKey] = useState<string | null>(initialTemplate);
  const [language, setLanguage] = useState<Language | null>(null);
  // One key per opened form: a retried or double-clicked send queues one message.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const preview = useMessagePreview(workspaceId, creatorId, templateKey, language);
  const send = useSendMessage(workspaceId, creatorId);
  const markSent = useMarkSent(workspaceId);
  const handleError = useApiErrorHandler();
  const [sent, setSent] = useState<SentMessage | null>(null);

  const templateData = (templates.data ?? []).map((tpl) => ({ value: tpl.key, label: templateName(tpl, t) }));
  if (templateKey && !templateData.some((o) => o.value === templateKey) && templates.isSuccess) {
    templateData.push({ value: templateKey, label: templateKey });
  }

  const doSend = () => {
    if (!templateKey) return;
    send.mutate(
      { templateKey, idempotencyKey, ...(language ? { language } : {}) },
      {
        onSuccess: (result) => {
          if (result.smtpConfigured) {
            notifications.show({ color: 'teal', message: t('message.queued', { name: creatorName }) });
            onClose();
          } else {
            setSent(result);
          }
        },
        onError: (error) => handleError(error),
      },
    );
  };

  if (sent) {
    return (
      <Stack gap="sm" data-testid="message-no-smtp">
        <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />}>
          {t('message.noSmtp')}
        </Alert>
        <Group gap="xs">
          <Button
            component="a"
            href={sent.mailto}
            leftSection={<IconMail size={16} aria-hidden />}
            data-testid="message-mailto"
          >
            {t('message.openMailApp')}
          </Button>
          <CopyButton value={sent.message.bodyText}>
            {({ copied, copy }) => (
              <Button
                variant="default"
                onClick={copy}
                leftSection={
                  copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />
                }
              >
                {copied ? t('common.copied') : t('message.copyText')}
              </Button>
            )}
          </CopyButton>
        </Group>
        <Text size="sm" c="dimmed">
          {t('message.markSentHint')}
        </Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.close')}
          </Button>
          <Button
            loading={markSent.isPending}
            onClick={() =>
              markSent.mutate(sent.message.id, {
                onSuccess: () => {
                  notifications.show({
                    color: 'teal',
                    message: t('message.markedSent', { name: creatorName }),
                  });
                  onClose();
                },
                onError: (error) => handleError(error),
              })
            }
            data-testid="message-mark-sent"
          >
            {t('message.markSent')}
          </Button>
        </Group>
      </Stack>
    );
  }

  const noEmail = preview.data ? preview.data.to === null : false;

  return (
    <Stack gap="sm">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Select
          label={t('message.template')}
          data={templateData}
          value={templateKey}
          onChange={setTemplateKey}
          allowDeselect={false}
          disabled={templates.isPending}
          style={{ flex: 1, minWidth: 220 }}
          data-testid="message-template"
        />
        <SegmentedControl
          value={language ?? 'auto'}
          onChange={(value) => setLanguage(value === 'en' || value === 'ru' ? value : null)}
          aria-label={t('message.language')}
          data={[
            { value: 'auto', label: t('message.languageAuto') },
            { value: 'en', label: 'English' },
            { value: 'ru', label: 'Русский' },
          ]}
          data-testid="message-language"
        />
      </Group>
      {templates.isError ? (
        <QueryError error={templates.error} onRetry={() => void templates.refetch()} />
      ) : null}
      {preview.isPending && templateKey ? (
        <Skeleton h={180} radius="md" />
      ) : preview.isError ? (
        <QueryError error={preview.error} onRetry={() => void preview.refetch()} />
      ) : preview.data ? (
        <Paper withBorder radius="md" p="md" data-testid="message-preview">
          <Stack gap={6}>
            <Text size="sm">
              <Text span inherit c="dimmed">
                {t('message.to')}:
              </Text>{' '}
              {preview.data.to ?? '—'}
            </Text>
            <Text size="sm">
              <Text span inherit c="dimmed">
                {t('message.subject')}:
              </Text>{' '}
              <Text span inherit fw={600} data-testid="message-subject">
                {preview.data.subject}
              </Text>
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} mt="xs" data-testid="message-body">
              {preview.data.text}
            </Text>
          </Stack>
        </Paper>
      ) : null}
      {noEmail ? (
        <Alert color="orange" variant="light" data-testid="message-no-email">
          {t('message.noEmail', { name: creatorName })}
        </Alert>
      ) : null}
      {preview.data && preview.data.missingFields.length > 0 ? (
        <Alert color="yellow" variant="light">
          {t('message.missingFields', { fields: preview.data.missingFields.join(', ') })}
        </Alert>
      ) : null}
      <Text size="xs" c="dimmed">
        {t('message.logNote', { kind: preview.data ? t(`creator.kind.${preview.data.kind}`) : '—' })}
      </Text>
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button
          leftSection={<IconSend size={16} aria-hidden />}
          onClick={doSend}
          loading={send.isPending}
          disabled={!preview.data || noEmail}
          data-testid="message-send"
        >
          {t('message.send')}
        </Button>
      </Group>
    </Stack>
  );
}
