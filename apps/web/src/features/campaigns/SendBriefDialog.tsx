import type { BriefDetail, SendBriefResult } from '@evergreen/contracts';
import { Alert, Button, Group, Modal, Skeleton, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiErrorHandler } from '../../shared/api/useApiErrorHandler.ts';
import { QueryError } from '../../shared/ui/QueryStates.tsx';
import {
  type Draft,
  MessageDraftFields,
  MessageOutcomes,
  outcomeSummary,
} from '../messaging/MessageDraft.tsx';
import { useBriefSendPreview, useSendBrief } from './api.ts';

/**
 * "Send to creator": the email with the brief, in the creator's language, shown and editable;
 * then what really happened to it (sent, queued and why, or the text to send by hand).
 */
export function SendBriefDialog({
  workspaceId,
  brief: b,
  opened,
  onClose,
}: {
  workspaceId: string;
  brief: BriefDetail;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('briefs.sendDialog.title', { name: b.creatorName })}
      size="lg"
      fullScreen={false}
    >
      {opened ? <SendBriefForm workspaceId={workspaceId} brief={b} onClose={onClose} /> : null}
    </Modal>
  );
}

function SendBriefForm({
  workspaceId,
  brief: b,
  onClose,
}: {
  workspaceId: string;
  brief: BriefDetail;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const preview = useBriefSendPreview(workspaceId, b.campaignId, b.id, true);
  const send = useSendBrief(workspaceId, b.campaignId, b.id);
  const handleError = useApiErrorHandler();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [result, setResult] = useState<SendBriefResult | null>(null);
  if (preview.data && !draft) setDraft({ subject: preview.data.subject, body: preview.data.text });

  if (result) {
    return (
      <Stack gap="sm" data-testid="brief-send-result">
        <Text size="sm">{t('briefs.sendDialog.briefSent', { version: result.brief.currentVersion })}</Text>
        <MessageOutcomes outcomes={[result.outcome]} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-testid="brief-send-close">
            {t('common.close')}
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('briefs.sendDialog.intro', { version: b.currentVersion })}
      </Text>
      {preview.isPending ? (
        <Skeleton h={220} radius="md" />
      ) : preview.isError ? (
        <QueryError error={preview.error} onRetry={() => void preview.refetch()} />
      ) : draft && preview.data ? (
        <MessageDraftFields
          to={preview.data.to}
          creatorName={b.creatorName}
          draft={draft}
          onChange={setDraft}
          testId="brief-send-preview"
        />
      ) : null}
      {preview.data && preview.data.missingFields.length > 0 ? (
        <Alert color="yellow" variant="light">
          {t('message.missingFields', { fields: preview.data.missingFields.join(', ') })}
        </Alert>
      ) : null}
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button
          leftSection={<IconSend size={16} aria-hidden />}
          loading={send.isPending}
          disabled={!draft || !draft.subject.trim() || !draft.body.trim()}
          onClick={() =>
            draft &&
            send.mutate(draft, {
              onSuccess: (r) => {
                notifications.show(outcomeSummary([r.outcome], t));
                setResult(r);
              },
              onError: (error) => handleError(error),
            })
          }
          data-testid="brief-send-confirm"
        >
          {preview.data?.to ? t('briefs.sendDialog.send') : t('briefs.sendDialog.sendByHand')}
        </Button>
      </Group>
    </Stack>
  );
}
