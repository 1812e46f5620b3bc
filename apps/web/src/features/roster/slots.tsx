import { SendMessageButton, SendMessageDialog } from '../messaging/SendMessageButton.tsx';
import { CsvActions } from './CsvActions.tsx';
import type { RosterFilters } from './filters.ts';

/**
 * Where features built alongside the roster plug into its pages: CSV import and export on the
 * roster (contracts: roster-csv.ts), "Send message" on Today and the creator page (contracts:
 * messaging.ts). Pages render the slots; what a slot shows is decided here.
 */

export function RosterImportSlot(props: { workspaceId: string; canWrite: boolean; filters: RosterFilters }) {
  return <CsvActions {...props} />;
}

/** `templateKey` is Today's suggestion (check_in, share_win, ask_opinion); absent on the creator page. */
export function SendMessageSlot({
  workspaceId,
  creatorId,
  creatorName,
  templateKey,
  canWrite,
  size,
  testId,
  onOpen,
}: {
  workspaceId: string;
  creatorId: string;
  creatorName: string;
  templateKey?: string;
  canWrite: boolean;
  size?: 'xs' | 'sm';
  testId: string;
  /** The page hosts the dialog (SendMessageDialogSlot) and opens it. */
  onOpen?: () => void;
}) {
  if (!canWrite) return null;
  return (
    <SendMessageButton
      workspaceId={workspaceId}
      creatorId={creatorId}
      creatorName={creatorName}
      templateKey={templateKey}
      size={size}
      testId={testId}
      {...(onOpen ? { onOpen } : {})}
    />
  );
}

/** The "Send message" dialog a page hosts itself (Today: it outlives the card that opened it). */
export const SendMessageDialogSlot = SendMessageDialog;
