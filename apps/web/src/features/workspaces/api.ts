import {
  type CreateWorkspaceRequest,
  type Role,
  type TierPolicy,
  tierPolicy,
  type UpdateWorkspaceRequest,
  type Workspace,
  workspace,
} from '@evergreen/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api } from '../../shared/api/client.ts';
import { areaKey, useWorkspaceMutation } from '../../shared/api/invalidation.ts';
import { meKey, useMe } from '../auth/api.ts';

const tierList = tierPolicy.array();

export const workspaceKeys = {
  all: ['workspaces'] as const,
  detail: (id: string) => ['workspaces', id] as const,
  tiers: (id: string) => areaKey(id, 'tiers'),
  members: (id: string) => areaKey(id, 'members'),
  invitations: (id: string) => areaKey(id, 'invitations'),
  outbox: (id: string) => areaKey(id, 'outbox'),
  tokens: (id: string) => areaKey(id, 'tokens'),
  audit: (id: string) => areaKey(id, 'audit'),
};

export function useWorkspace(id: string) {
  return useQuery<Workspace>({
    queryKey: workspaceKeys.detail(id),
    queryFn: () => api.get(`/workspaces/${id}`, workspace),
  });
}

export function useCreateWorkspace() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateWorkspaceRequest) => api.post('/workspaces', input, workspace),
    onSuccess: async (created) => {
      queryClient.setQueryData(workspaceKeys.detail(created.id), created);
      await queryClient.invalidateQueries({ queryKey: meKey });
    },
  });
}

export function useUpdateWorkspace(id: string) {
  return useWorkspaceMutation(id, {
    writes: 'workspace',
    mutationFn: (input: UpdateWorkspaceRequest) => api.patch(`/workspaces/${id}`, input, workspace),
    onSuccess: async (updated, _input, queryClient) => {
      queryClient.setQueryData(workspaceKeys.detail(id), updated);
      // The workspace switcher shows names from `Me`.
      await queryClient.invalidateQueries({ queryKey: meKey });
    },
  });
}

export function useTiers(id: string) {
  return useQuery<TierPolicy[]>({
    queryKey: workspaceKeys.tiers(id),
    queryFn: () => api.get(`/workspaces/${id}/tiers`, tierList),
  });
}

export function useUpdateTiers(id: string) {
  return useWorkspaceMutation(id, {
    writes: 'tiers',
    mutationFn: (tiers: TierPolicy[]) => api.put(`/workspaces/${id}/tiers`, { tiers }, tierList),
    onSuccess: (updated, _input, queryClient) => queryClient.setQueryData(workspaceKeys.tiers(id), updated),
  });
}

/** The workspace in the URL and the current user's role in it (null when not a member). */
export function useCurrentWorkspace() {
  const { workspaceId = '' } = useParams();
  const me = useMe();
  const summary = me.data?.workspaces.find((w) => w.id === workspaceId) ?? null;
  const role: Role | null = summary?.role ?? null;
  return {
    workspaceId,
    summary,
    role,
    isOwner: role === 'owner',
    /** Owners and managers change records; analysts only read. */
    canWrite: role === 'owner' || role === 'manager',
  };
}

export const LAST_WORKSPACE_KEY = 'evergreen.workspace';

export function rememberWorkspace(id: string) {
  try {
    localStorage.setItem(LAST_WORKSPACE_KEY, id);
  } catch {
    // Storage unavailable: the root page falls back to the first workspace.
  }
}

export function lastWorkspace(): string | null {
  try {
    return localStorage.getItem(LAST_WORKSPACE_KEY);
  } catch {
    return null;
  }
}
