import { type ApiToken, apiToken, createdToken, ok } from '@evergreen/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../shared/api/client.ts';
import { workspaceKeys } from '../workspaces/api.ts';

const tokenList = apiToken.array();

export function useTokens(workspaceId: string) {
  return useQuery<ApiToken[]>({
    queryKey: workspaceKeys.tokens(workspaceId),
    queryFn: () => api.get(`/workspaces/${workspaceId}/tokens`, tokenList),
  });
}

export function useCreateToken(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; role: 'manager' | 'analyst' }) =>
      api.post(`/workspaces/${workspaceId}/tokens`, input, createdToken),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: workspaceKeys.tokens(workspaceId) }),
  });
}

export function useRevokeToken(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (tokenId: string) => api.delete(`/workspaces/${workspaceId}/tokens/${tokenId}`, ok),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: workspaceKeys.tokens(workspaceId) }),
  });
}
