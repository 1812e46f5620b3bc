import {
  actionTemplateKeys,
  type Language,
  type MessagePreview,
  type SentMessage,
} from '@evergreen/contracts';
import { Button, CopyButton, Group, SegmentedControl, Select, Skeleton, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconCopy, IconMail, IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiErrorHandler } from '../../shared/api/useApiErrorHandler.ts';
import { CloseAction, FormActions } from '../../shared/ui/FormActions.tsx';
import { FormModal } from '../../shared/ui/FormModal.tsx';
import { QueryError } from '../../shared/ui/QueryStates.tsx';
import { useMarkSent, useMessagePreview, useSendMessage, useTemplates } from './api.ts';
import {
  type Draft,
  MessageDraftFields,
  MessageOutcomes,
  MissingFieldsAlert,
  outcomeSummary,
} from './MessageDraft.tsx';
import { templateName } from './templateForm.ts';

interface SendMessageButtonProps {
  workspaceId: string;
  creatorId: string;
  creatorName: string;
  /** The template to start with (Today's nudge); else a light check-in. */
  templateKey?: string;
  size?: 'xs' | 'sm';
  testId: string;
  /**
   * The page hosts the dialog (SendMessageDialog) instead of the button: Today does, so the dialog
   * and its outcome stay open when the sent message takes the creator's card off the list.
   */
  onOpen?: () => void;
}

/**
 * "Send message": a template in the creator's language, shown and editable, then sent; the
 * dialog then says what really happened (sent, queued and why, or to send by hand).
 */
export function SendMessageButton({
  workspaceId,
  creatorId,
  creatorName,
  templateKey,
  size = 'sm',
  testId,
  onOpen,
}: SendMessageButtonProps) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button
        size={size}
        variant="default"
        leftSection={<IconMail size={size === 'xs' ? 14 : 16} aria-hidden />}
        onClick={() => (onOpen ? onOpen() : setOpened(true))}
        data-testid={testId}
      >
        {t('message.button')}
      </Button>
      {onOpen ? null : (
        <SendMessageDialog
          opened={opened}
          onClose={() => setOpened(false)}
          workspaceId={workspaceId}
          creatorId={creatorId}
          creatorName={creatorName}
          {...(templateKey ? { templateKey } : {})}
        />
      )}
    </>
  );
}

/** The "Send message" dialog on its own, for a page that keeps it open across its list's changes. */
export function SendMessageDialog({
  opened,
  onClose,
  workspaceId,
  creatorId,
  creatorName,
  templateKey,
}: {
  opened: boolean;
  onClose: () => void;
  workspaceId: string;
  creatorId: string;
  creatorName: string;
  templateKey?: string;
}) {
  const { t } = useTranslation();
  return (
    <FormModal opened={opened} onClose={onClose} title={t('message.title', { name: creatorName })} size="lg">
      <SendMessageForm
        workspaceId={workspaceId}
        creatorId={creatorId}
        creatorName={creatorName}
        initialTemplate={templateKey ?? 'check_in'}
        onClose={onClose}
      />
    </FormModal>
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
  const [marked, setMarked] = useState(false);
  // The text as the manager edits it; it starts from each new preview (template or language changed).
  const [draft, setDraft] = useState<Draft | null>(null);
  const [draftOf, setDraftOf] = useState<MessagePreview | null>(null);
  if (preview.data && preview.data !== draftOf) {
    setDraftOf(preview.data);
    setDraft({ subject: preview.data.subject, body: preview.data.text });
  }

  const templateData = (templates.data ?? [])
    .filter((tpl) => !(actionTemplateKeys as readonly string[]).includes(tpl.key))
    .map((tpl) => ({ value: tpl.key, label: templateName(tpl, t) }));
  if (templateKey && !templateData.some((o) => o.value === templateKey) && templates.isSuccess) {
    templateData.push({ value: templateKey, label: templateKey });
  }

  const doSend = () => {
    if (!templateKey || !draft) return;
    send.mutate(
      {
        templateKey,
        idempotencyKey,
        subject: draft.subject,
        body: draft.body,
        ...(language ? { language } : {}),
      },
      {
        onSuccess: (result) => {
          // The dialog says what happened, sent included (as every other contact dialog does).
          notifications.show(outcomeSummary([result.outcome], t));
          setSent(result);
        },
        onError: (error) => handleError(error),
      },
    );
  };

  if (sent) {
    return (
      <Stack gap="sm" data-testid="message-result">
        <MessageOutcomes
          outcomes={[sent.outcome]}
          extra={(o) =>
            o.messageId && !marked ? (
              <Button
                size="xs"
                variant="light"
                loading={markSent.isPending}
                onClick={() =>
                  markSent.mutate(o.messageId!, {
                    onSuccess: () => {
                      setMarked(true);
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
            ) : null
          }
        />
        {sent.outcome.reason === 'smtp_not_configured' ? (
          <Text size="sm" c="dimmed">
            {t('message.markSentHint')}
          </Text>
        ) : null}
        <CloseAction onClose={onClose} testId="message-close" />
      </Stack>
    );
  }

  const noEmail = preview.data ? preview.data.to === null : false;
  const draftOk = Boolean(draft?.subject.trim() && draft?.body.trim());

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
          style={{ flex: 1, minWidth: 200 }}
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
      ) : preview.data && draft ? (
        <MessageDraftFields to={preview.data.to} draft={draft} onChange={setDraft} testId="message-preview" />
      ) : null}
      {preview.data ? <MissingFieldsAlert fields={preview.data.missingFields} /> : null}
      {noEmail && draft ? (
        <Group gap="xs" data-testid="message-no-email">
          <CopyButton value={`${draft.subject}\n\n${draft.body}`}>
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
          <Text size="xs" c="dimmed">
            {t('message.noEmail', { name: creatorName })}
          </Text>
        </Group>
      ) : (
        <Text size="xs" c="dimmed">
          {t('message.logNote', { kind: preview.data ? t(`creator.kind.${preview.data.kind}`) : '—' })}
        </Text>
      )}
      <FormActions
        onCancel={onClose}
        onSubmit={doSend}
        icon={<IconSend size={16} aria-hidden />}
        loading={send.isPending}
        disabled={!preview.data || noEmail || !draftOk}
        label={t('message.send')}
        testId="message-send"
      />
    </Stack>
  );
}
