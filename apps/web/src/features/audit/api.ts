import { auditPage } from '@evergreen/contracts';
import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../shared/api/client.ts';
import { workspaceKeys } from '../workspaces/api.ts';

export const AUDIT_PAGE_SIZE = 50;

export function useAuditLog(workspaceId: string) {
  return useInfiniteQuery({
    queryKey: workspaceKeys.audit(workspaceId),
    queryFn: ({ pageParam }) =>
      api.get(`/workspaces/${workspaceId}/audit`, auditPage, {
        query: { before: pageParam, limit: AUDIT_PAGE_SIZE },
      }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
}
