import { QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from '../shared/api/client.ts';

function shouldRetry(failureCount: number, error: unknown): boolean {
  // Client errors (403, 404, 422…) will not get better by asking again.
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

export function createQueryClient() {
  return new QueryClient({
    queryCache: new QueryCache(),
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 15_000, refetchOnWindowFocus: true },
      mutations: { retry: false },
    },
  });
}
