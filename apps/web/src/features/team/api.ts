import {
  createdInvitation,
  type Invitation,
  invitation,
  type Member,
  member,
  type OutboxList,
  ok,
  outboxList,
  sessionsEnded,
  type TeamRole,
} from '@evergreen/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../shared/api/client.ts';
import { useWorkspaceMutation } from '../../shared/api/invalidation.ts';
import { meKey } from '../auth/api.ts';
import { workspaceKeys } from '../workspaces/api.ts';

const memberList = member.array();
const invitationList = invitation.array();

export function useMembers(workspaceId: string) {
  return useQuery<Member[]>({
    queryKey: workspaceKeys.members(workspaceId),
    queryFn: () => api.get(`/workspaces/${workspaceId}/members`, memberList),
  });
}

export function useChangeRole(workspaceId: string) {
  return useWorkspaceMutation(workspaceId, {
    writes: 'member',
    mutationFn: ({ userId, role }: { userId: string; role: TeamRole }) =>
      api.patch(`/workspaces/${workspaceId}/members/${userId}`, { role }, member),
    // Changing one's own role changes what the app lets one do.
    onSuccess: (_m, _input, queryClient) => queryClient.invalidateQueries({ queryKey: meKey }),
  });
}

export function useRemoveMember(workspaceId: string) {
  return useWorkspaceMutation(workspaceId, {
    writes: 'member',
    mutationFn: (userId: string) => api.delete(`/workspaces/${workspaceId}/members/${userId}`, ok),
    onSuccess: (_ok, _input, queryClient) => queryClient.invalidateQueries({ queryKey: meKey }),
  });
}

export function useInvitations(workspaceId: string, enabled = true) {
  return useQuery<Invitation[]>({
    queryKey: workspaceKeys.invitations(workspaceId),
    queryFn: () => api.get(`/workspaces/${workspaceId}/invitations`, invitationList),
    enabled,
  });
}

export function useCreateInvitation(workspaceId: string) {
  return useWorkspaceMutation(workspaceId, {
    writes: 'invitation',
    mutationFn: (input: { email: string; role: TeamRole }) =>
      api.post(`/workspaces/${workspaceId}/invitations`, input, createdInvitation),
  });
}

export function useRevokeInvitation(workspaceId: string) {
  return useWorkspaceMutation(workspaceId, {
    writes: 'invitation',
    mutationFn: (invitationId: string) =>
      api.delete(`/workspaces/${workspaceId}/invitations/${invitationId}`, ok),
  });
}

export function useResendInvitation(workspaceId: string) {
  return useWorkspaceMutation(workspaceId, {
    writes: 'invitation',
    mutationFn: (invitationId: string) =>
      api.post(`/workspaces/${workspaceId}/invitations/${invitationId}/resend`, undefined, invitation),
  });
}

export function useOutbox(workspaceId: string, enabled = true) {
  return useQuery<OutboxList>({
    queryKey: workspaceKeys.outbox(workspaceId),
    queryFn: () => api.get(`/workspaces/${workspaceId}/outbox`, outboxList),
    enabled,
    // Sending happens in the background; keep the panel roughly current while it is open.
    refetchInterval: 15_000,
  });
}

export function useRetryOutbox(workspaceId: string) {
  return useWorkspaceMutation(workspaceId, {
    writes: 'outbox',
    mutationFn: (messageId: string) =>
      api.post(`/workspaces/${workspaceId}/outbox/${messageId}/retry`, undefined, ok),
  });
}

/** An owner signs a member out of every browser. */
export function useSignOutMember(workspaceId: string) {
  return useWorkspaceMutation(workspaceId, {
    writes: 'member',
    mutationFn: (userId: string) =>
      api.post(`/workspaces/${workspaceId}/members/${userId}/sign-out`, undefined, sessionsEnded),
  });
}
