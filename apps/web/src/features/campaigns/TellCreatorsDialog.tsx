import type { NotifyOverlapResult, Overlap } from '@evergreen/contracts';
import { Modal, Skeleton, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiErrorHandler } from '../../shared/api/useApiErrorHandler.ts';
import { CloseAction, FormActions } from '../../shared/ui/FormActions.tsx';
import { QueryError } from '../../shared/ui/QueryStates.tsx';
import {
  type Draft,
  MessageDraftFields,
  MessageOutcomes,
  MissingFieldsAlert,
  outcomeSummary,
} from '../messaging/MessageDraft.tsx';
import { useNotifyOverlap, useOverlapNoticePreview } from './api.ts';

/**
 * "Tell the creators involved": each creator's notice, in their language, shown and editable;
 * then, per creator, what really happened (sent, queued and why, or the text to send by hand).
 */
export function TellCreatorsDialog({
  workspaceId,
  overlap,
  onClose,
  onDone,
}: {
  workspaceId: string;
  overlap: Overlap | null;
  onClose: () => void;
  onDone: (result: NotifyOverlapResult) => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={overlap !== null} onClose={onClose} title={t('overlaps.dialog.title')} size="lg">
      {overlap ? (
        <TellForm
          key={overlap.key}
          workspaceId={workspaceId}
          overlapKey={overlap.key}
          onClose={onClose}
          onDone={onDone}
        />
      ) : null}
    </Modal>
  );
}

function TellForm({
  workspaceId,
  overlapKey,
  onClose,
  onDone,
}: {
  workspaceId: string;
  overlapKey: string;
  onClose: () => void;
  onDone: (result: NotifyOverlapResult) => void;
}) {
  const { t } = useTranslation();
  const preview = useOverlapNoticePreview(workspaceId, overlapKey);
  const notify = useNotifyOverlap(workspaceId);
  const handleError = useApiErrorHandler();
  const [drafts, setDrafts] = useState<Record<string, Draft> | null>(null);
  const [result, setResult] = useState<NotifyOverlapResult | null>(null);
  if (preview.data && !drafts)
    setDrafts(
      Object.fromEntries(
        preview.data.messages.map((m) => [m.creatorId, { subject: m.subject, body: m.text }]),
      ),
    );

  if (result) {
    return (
      <Stack gap="sm" data-testid="overlap-send-result">
        <MessageOutcomes outcomes={result.outcomes} />
        <CloseAction onClose={onClose} testId="overlap-dialog-close" />
      </Stack>
    );
  }

  const ready =
    drafts !== null && Object.values(drafts).every((d) => d.subject.trim() !== '' && d.body.trim() !== '');
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('overlaps.dialog.intro')}
      </Text>
      {preview.isPending ? (
        <Skeleton h={240} radius="md" />
      ) : preview.isError ? (
        <QueryError error={preview.error} onRetry={() => void preview.refetch()} />
      ) : preview.data && drafts ? (
        preview.data.messages.map((m) => (
          <Stack key={m.creatorId} gap={4}>
            <MessageDraftFields
              to={m.to}
              creatorName={m.creatorName}
              draft={drafts[m.creatorId]!}
              onChange={(d) => setDrafts({ ...drafts, [m.creatorId]: d })}
              testId={`overlap-draft-${m.creatorId}`}
            />
            <MissingFieldsAlert fields={m.missingFields} compact />
          </Stack>
        ))
      ) : null}
      <FormActions
        onCancel={onClose}
        onSubmit={() =>
          drafts &&
          notify.mutate(
            {
              overlapKey,
              messages: Object.entries(drafts).map(([creatorId, d]) => ({
                creatorId,
                subject: d.subject,
                body: d.body,
              })),
            },
            {
              onSuccess: (r) => {
                notifications.show(outcomeSummary(r.outcomes, t));
                setResult(r);
                onDone(r);
              },
              onError: (error) => handleError(error),
            },
          )
        }
        icon={<IconSend size={16} aria-hidden />}
        loading={notify.isPending}
        disabled={!ready}
        label={t('overlaps.dialog.send')}
        testId="overlap-send"
      />
    </Stack>
  );
}
