import type { BriefDetail } from '@evergreen/contracts';
import { useTranslation } from 'react-i18next';
import { ComposeDialog } from '../messaging/ComposeDialog.tsx';
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
  const send = useSendBrief(workspaceId, b.campaignId, b.id);
  return (
    <ComposeDialog
      opened={opened}
      onClose={onClose}
      title={t('briefs.sendDialog.title', { name: b.creatorName })}
      // biome-ignore lint/correctness/useHookAtTopLevel: ComposeForm calls usePreview at its top level, so the preview loads only while the dialog is open
      usePreview={() => useBriefSendPreview(workspaceId, b.campaignId, b.id, true)}
      send={async (draft) => {
        const r = await send.mutateAsync(draft);
        return {
          outcome: r.outcome,
          done: t('briefs.sendDialog.briefSent', { version: r.brief.currentVersion }),
        };
      }}
      sending={send.isPending}
      creatorName={b.creatorName}
      intro={t('briefs.sendDialog.intro', { version: b.currentVersion })}
      sendLabel={t('briefs.sendDialog.send')}
      sendByHandLabel={t('briefs.sendDialog.sendByHand')}
      testId="brief-send"
    />
  );
}
