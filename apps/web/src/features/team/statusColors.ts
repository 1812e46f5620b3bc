import type { Invitation, OutboxMessage } from '@evergreen/contracts';

export const invitationStatusColor: Record<Invitation['status'], string> = {
  pending: 'blue',
  accepted: 'teal',
  revoked: 'gray',
  expired: 'orange',
};

export const emailStatusColor: Record<OutboxMessage['status'], string> = {
  queued: 'gray',
  sending: 'blue',
  sent: 'teal',
  failed: 'red',
  cancelled: 'gray',
};
