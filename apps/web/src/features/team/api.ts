import {
  type Invitation,
  type Member,
  type OutboxList,
  type TeamRole,
  createdInvitation,
  invitation,
  member,
  ok,
  outboxList,
} from '@evergreen/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../shared/api/client.ts';
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
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: TeamRole }) =>
      api.patch(`/workspaces/${workspaceId}/members/${userId}`, { role }, member),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: workspaceKeys.members(workspaceId) });
      // Changing one's own role changes what the app lets one do.
      await queryClient.invalidateQueries({ queryKey: meKey });
    },
  });
}

export function useRemoveMember(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => api.delete(`/workspaces/${workspaceId}/members/${userId}`, ok),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: workspaceKeys.members(workspaceId) });
      await queryClient.invalidateQueries({ queryKey: meKey });
    },
  });
}

export function useInvitations(workspaceId: string, enabled = true) {
  return useQuery<Invitation[]>({
    queryKey: workspaceKeys.invitations(workspaceId),
    queryFn: () => api.get(`/workspaces/${workspaceId}/invitations`, invitationList),
    enabled,
  });
}

function useInvalidateInvitations(workspaceId: string) {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: workspaceKeys.invitations(workspaceId) });
    await queryClient.invalidateQueries({ queryKey: workspaceKeys.outbox(workspaceId) });
  };
}

export function useCreateInvitation(workspaceId: string) {
  const invalidate = useInvalidateInvitations(workspaceId);
  return useMutation({
    mutationFn: (input: { email: string; role: TeamRole }) =>
      api.post(`/workspaces/${workspaceId}/invitations`, input, createdInvitation),
    onSuccess: invalidate,
  });
}

export function useRevokeInvitation(workspaceId: string) {
  const invalidate = useInvalidateInvitations(workspaceId);
  return useMutation({
    mutationFn: (invitationId: string) =>
      api.delete(`/workspaces/${workspaceId}/invitations/${invitationId}`, ok),
    onSuccess: invalidate,
  });
}

export function useResendInvitation(workspaceId: string) {
  const invalidate = useInvalidateInvitations(workspaceId);
  return useMutation({
    mutationFn: (invitationId: string) =>
      api.post(`/workspaces/${workspaceId}/invitations/${invitationId}/resend`, undefined, invitation),
    onSuccess: invalidate,
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
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (messageId: string) =>
      api.post(`/workspaces/${workspaceId}/outbox/${messageId}/retry`, undefined, ok),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: workspaceKeys.outbox(workspaceId) });
      await queryClient.invalidateQueries({ queryKey: workspaceKeys.invitations(workspaceId) });
    },
  });
}
