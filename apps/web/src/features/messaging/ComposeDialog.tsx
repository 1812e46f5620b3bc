import type { MessageOutcome, MessagePreview } from '@evergreen/contracts';
import { Skeleton, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconSend } from '@tabler/icons-react';
import type { UseQueryResult } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiErrorHandler } from '../../shared/api/useApiErrorHandler.ts';
import { CloseAction, FormActions } from '../../shared/ui/FormActions.tsx';
import { FormModal } from '../../shared/ui/FormModal.tsx';
import { QueryError } from '../../shared/ui/QueryStates.tsx';
import {
  type Draft,
  MessageDraftFields,
  MessageOutcomes,
  MissingFieldsAlert,
  outcomeSummary,
} from './MessageDraft.tsx';

interface ComposeProps {
  /** The message as the server renders it for this creator (subject, body, address). */
  usePreview: () => UseQueryResult<MessagePreview>;
  /** Sends the (edited) text; answers what happened, read back from the outbox. */
  send: (draft: Draft) => Promise<{ outcome: MessageOutcome; done: string }>;
  sending: boolean;
  creatorName: string;
  intro: ReactNode;
  sendLabel: string;
  sendByHandLabel: string;
  testId: string;
  onClose: () => void;
}

/**
 * One action that writes to a creator, in three steps: the message shown and editable, then sent,
 * then what really happened to it (sent, queued and why, or the text to send by hand).
 */
export function ComposeDialog({
  opened,
  title,
  ...props
}: ComposeProps & { opened: boolean; title: string }) {
  return (
    <FormModal opened={opened} onClose={props.onClose} title={title} size="lg">
      <ComposeForm {...props} />
    </FormModal>
  );
}

function ComposeForm({
  usePreview,
  send,
  sending,
  creatorName,
  intro,
  sendLabel,
  sendByHandLabel,
  testId,
  onClose,
}: ComposeProps) {
  const { t } = useTranslation();
  const preview = usePreview();
  const handleError = useApiErrorHandler();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [result, setResult] = useState<{ outcome: MessageOutcome; done: string } | null>(null);
  if (preview.data && !draft) setDraft({ subject: preview.data.subject, body: preview.data.text });

  if (result) {
    return (
      <Stack gap="sm" data-testid={`${testId}-result`}>
        <Text size="sm">{result.done}</Text>
        <MessageOutcomes outcomes={[result.outcome]} />
        <CloseAction onClose={onClose} testId={`${testId}-close`} />
      </Stack>
    );
  }

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {intro}
      </Text>
      {preview.isPending ? (
        <Skeleton h={220} radius="md" />
      ) : preview.isError ? (
        <QueryError error={preview.error} onRetry={() => void preview.refetch()} />
      ) : draft && preview.data ? (
        <MessageDraftFields
          to={preview.data.to}
          creatorName={creatorName}
          draft={draft}
          onChange={setDraft}
          testId={`${testId}-preview`}
        />
      ) : null}
      {preview.data ? <MissingFieldsAlert fields={preview.data.missingFields} /> : null}
      <FormActions
        onCancel={onClose}
        onSubmit={() => {
          if (!draft) return;
          send(draft).then(
            (r) => {
              notifications.show(outcomeSummary([r.outcome], t));
              setResult(r);
            },
            (error: unknown) => handleError(error),
          );
        }}
        icon={<IconSend size={16} aria-hidden />}
        loading={sending}
        disabled={!draft?.subject.trim() || !draft?.body.trim()}
        label={preview.data?.to ? sendLabel : sendByHandLabel}
        testId={`${testId}-confirm`}
      />
    </Stack>
  );
}
