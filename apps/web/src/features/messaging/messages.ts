import type { CreatorMessage } from '@evergreen/contracts';

/**
 * Whether a message can be recorded as sent by hand. A failed one always can (it will not leave
 * on its own). A queued one only when SMTP is not configured: otherwise the outbox is about to
 * send it, and marking it would keep it from leaving.
 */
export function canMarkSent(status: CreatorMessage['status'], smtpConfigured: boolean): boolean {
  return status === 'failed' || (status === 'queued' && !smtpConfigured);
}
