import type { Agreement } from '@evergreen/contracts';
import { Button, Group, Paper, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconAdjustments,
  IconCheck,
  IconFlag,
  IconPencil,
  IconPlayerPlay,
  IconRefresh,
  IconSend,
  IconSignature,
  IconTrash,
  IconX,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useApiErrorHandler } from '../../shared/api/useApiErrorHandler.ts';
import { useFormatters } from '../../shared/i18n/format.ts';
import { ConfirmButton } from '../../shared/ui/ConfirmButton.tsx';
import { ComposeDialog } from '../messaging/ComposeDialog.tsx';
import { useCurrentWorkspace } from '../workspaces/api.ts';
import {
  useActivateAgreement,
  useAgreementSendPreview,
  useDeleteAgreement,
  useSendAgreement,
} from './api.ts';
import { type AgreementAction, agreementActions } from './rules.ts';

/** The forms the agreement's page opens over itself. */
export type AgreementDialog = Exclude<AgreementAction, 'send' | 'activate' | 'delete'> | 'review';

/**
 * What can be done with the agreement next, as its state and the user's role allow: send it, record
 * the acceptance, activate, review rates, renew, extend, edit, give notice, end or delete. Actions
 * that need a form ask the page to open it (`onOpen`).
 */
export function AgreementActions({
  agreement: a,
  onOpen,
}: {
  agreement: Agreement;
  onOpen: (dialog: AgreementDialog) => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const navigate = useNavigate();
  const { workspaceId, canWrite } = useCurrentWorkspace();
  const handleError = useApiErrorHandler();
  const send = useSendAgreement(workspaceId, a.id);
  const [sending, setSending] = useState(false);
  const activate = useActivateAgreement(workspaceId, a.id);
  const remove = useDeleteAgreement(workspaceId, a.id, a.creatorId);
  const actions = agreementActions(a, canWrite);
  const can = (action: AgreementAction) => actions.includes(action);
  const creatorPath = `/w/${workspaceId}/creators/${a.creatorId}`;
  return (
    <>
      <ComposeDialog
        opened={sending}
        onClose={() => setSending(false)}
        title={t('agreements.sendDialog.title', { name: a.creatorName })}
        // biome-ignore lint/correctness/useHookAtTopLevel: ComposeForm calls usePreview at its top level, so the preview loads only while the dialog is open
        usePreview={() => useAgreementSendPreview(workspaceId, a.id)}
        send={async (draft) => {
          const r = await send.mutateAsync(draft);
          return { outcome: r.outcome, done: t('agreements.sendDialog.done') };
        }}
        sending={send.isPending}
        creatorName={a.creatorName}
        intro={t('agreements.sendDialog.intro')}
        sendLabel={t('agreements.sendDialog.send')}
        sendByHandLabel={t('agreements.sendDialog.sendByHand')}
        testId="agreement-send"
      />
      {actions.length > 0 ? (
        <Paper withBorder radius="md" p="sm" data-testid="agreement-actions">
          <Group gap="xs" wrap="wrap">
            <Text size="sm" c="dimmed" mr="xs">
              {a.scheduled
                ? t('agreements.page.next.scheduled', { date: fmt.day(a.startsOn) })
                : t(`agreements.page.next.${a.status}`)}
            </Text>
            {can('send') ? (
              <Button
                leftSection={<IconSend size={16} aria-hidden />}
                onClick={() => setSending(true)}
                data-testid="agreement-send"
              >
                {t('agreements.actions.send')}
              </Button>
            ) : null}
            <Opener
              show={can('accept')}
              icon={IconSignature}
              label={t('agreements.actions.accept')}
              onClick={() => onOpen('accept')}
              testId="agreement-accept"
            />
            {can('activate') ? (
              <Button
                leftSection={<IconPlayerPlay size={16} aria-hidden />}
                loading={activate.isPending}
                onClick={() =>
                  activate.mutate(undefined, {
                    onSuccess: () =>
                      notifications.show({ color: 'teal', message: t('agreements.actions.activated') }),
                    onError: (error) => handleError(error),
                  })
                }
                data-testid="agreement-activate"
              >
                {t('agreements.actions.activate')}
              </Button>
            ) : null}
            <Opener
              show={can('renew') && (a.rates.length > 0 || a.monthlyFeeMinor !== null || a.feeMinor !== null)}
              icon={IconAdjustments}
              label={t('agreements.actions.reviewRates')}
              onClick={() => onOpen('review')}
              testId="agreement-review-rates"
              variant="light"
            />
            <Opener
              show={can('renew')}
              icon={IconRefresh}
              label={t('agreements.actions.renew')}
              onClick={() => onOpen('renew')}
              testId="agreement-renew"
            />
            <Opener
              show={can('extend')}
              icon={IconCheck}
              label={t('agreements.actions.extend')}
              onClick={() => onOpen('extend')}
              testId="agreement-extend-decision"
              variant="light"
            />
            <Opener
              show={can('edit')}
              icon={IconPencil}
              label={t('agreements.actions.edit')}
              onClick={() => onOpen('edit')}
              testId="agreement-edit"
              variant="default"
            />
            <Opener
              show={can('notice')}
              icon={IconFlag}
              label={t('agreements.actions.notice')}
              onClick={() => onOpen('notice')}
              testId="agreement-notice"
              variant="light"
              color="orange"
            />
            <Opener
              show={can('end')}
              icon={IconX}
              label={t('agreements.actions.end')}
              onClick={() => onOpen('end')}
              testId="agreement-end"
              variant="subtle"
              color="red"
            />
            {can('delete') ? (
              <ConfirmButton
                variant="subtle"
                color="red"
                leftSection={<IconTrash size={16} aria-hidden />}
                title={t('agreements.actions.deleteTitle')}
                message={t('agreements.actions.deleteText', { title: a.title })}
                confirmLabel={t('agreements.actions.delete')}
                loading={remove.isPending}
                onConfirm={() =>
                  remove.mutateAsync().then(
                    () => navigate(`${creatorPath}?tab=agreements`),
                    (error: unknown) => handleError(error),
                  )
                }
                testId="agreement-delete"
              >
                {t('agreements.actions.delete')}
              </ConfirmButton>
            ) : null}
          </Group>
        </Paper>
      ) : null}
    </>
  );
}

/** A button of the action bar, shown only when the action is possible. */
function Opener({
  show,
  icon: Icon,
  label,
  onClick,
  testId,
  variant,
  color,
}: {
  show: boolean;
  icon: typeof IconSend;
  label: string;
  onClick: () => void;
  testId: string;
  variant?: string;
  color?: string;
}) {
  if (!show) return null;
  return (
    <Button
      variant={variant}
      color={color}
      leftSection={<Icon size={16} aria-hidden />}
      onClick={onClick}
      data-testid={testId}
    >
      {label}
    </Button>
  );
}
