import { type ApiToken, apiToken, createdToken, ok } from '@evergreen/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../shared/api/client.ts';
import { useWorkspaceMutation } from '../../shared/api/invalidation.ts';
import { workspaceKeys } from '../workspaces/api.ts';

const tokenList = apiToken.array();

export function useTokens(workspaceId: string) {
  return useQuery<ApiToken[]>({
    queryKey: workspaceKeys.tokens(workspaceId),
    queryFn: () => api.get(`/workspaces/${workspaceId}/tokens`, tokenList),
  });
}

export function useCreateToken(workspaceId: string) {
  return useWorkspaceMutation(workspaceId, {
    writes: 'token',
    mutationFn: (input: { name: string; role: 'manager' | 'analyst' }) =>
      api.post(`/workspaces/${workspaceId}/tokens`, input, createdToken),
  });
}

export function useRevokeToken(workspaceId: string) {
  return useWorkspaceMutation(workspaceId, {
    writes: 'token',
    mutationFn: (tokenId: string) => api.delete(`/workspaces/${workspaceId}/tokens/${tokenId}`, ok),
  });
}
