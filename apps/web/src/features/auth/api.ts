import {
  type AccountSession,
  type AuthConfig,
  accountSessionList,
  authConfig,
  type ChangePasswordRequest,
  changePasswordResult,
  type InvitationPreview,
  invitationPreview,
  type Language,
  type LoginRequest,
  type Me,
  me as meSchema,
  ok,
  type SignupRequest,
  sessionsEnded,
  type WorkspaceSummary,
  workspaceSummary,
} from '@evergreen/contracts';
import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, setCsrfToken } from '../../shared/api/client.ts';

export const meKey = ['me'] as const;
export const authConfigKey = ['auth-config'] as const;

export async function fetchMe(): Promise<Me | null> {
  try {
    const result = await api.get('/auth/me', meSchema);
    setCsrfToken(result.csrfToken);
    return result;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

/** The signed-in user, or null when signed out. */
export function useMe() {
  return useQuery({ queryKey: meKey, queryFn: fetchMe, staleTime: 60_000, retry: false });
}

/**
 * Drops everything cached for the previous user. `me` itself stays in the cache (it is about to
 * be replaced): removing it would detach the components already watching it.
 */
function clearUserData(queryClient: QueryClient) {
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' && q.queryKey[0] !== 'auth-config' });
}

/** Stores a fresh `Me` (and its CSRF token) returned by a write. */
export function storeMe(queryClient: QueryClient, value: Me) {
  setCsrfToken(value.csrfToken);
  queryClient.setQueryData(meKey, value);
}

export function useAuthConfig() {
  return useQuery<AuthConfig>({
    queryKey: authConfigKey,
    queryFn: () => api.get('/auth/config', authConfig),
    staleTime: 5 * 60_000,
  });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: LoginRequest) => api.post('/auth/login', input, meSchema),
    onSuccess: (value) => {
      // Another user's cached data must not survive a sign-in.
      clearUserData(queryClient);
      storeMe(queryClient, value);
    },
  });
}

export function useSignup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SignupRequest) => api.post('/auth/signup', input, meSchema),
    onSuccess: (value) => {
      clearUserData(queryClient);
      storeMe(queryClient, value);
      void queryClient.invalidateQueries({ queryKey: authConfigKey });
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post('/auth/logout', undefined, ok),
    onSettled: () => {
      setCsrfToken(null);
      clearUserData(queryClient);
      queryClient.setQueryData(meKey, null);
    },
  });
}

export function useUpdateProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { name?: string; locale?: Language }) => api.patch('/auth/me', input, meSchema),
    onSuccess: (value) => storeMe(queryClient, value),
  });
}

export function useInvitationPreview(token: string) {
  return useQuery<InvitationPreview>({
    queryKey: ['invitation', token],
    queryFn: () => api.get(`/invitations/${encodeURIComponent(token)}`, invitationPreview),
    retry: false,
  });
}

export function useAcceptInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token: string): Promise<WorkspaceSummary> =>
      api.post(`/invitations/${encodeURIComponent(token)}/accept`, undefined, workspaceSummary),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: meKey });
      await queryClient.invalidateQueries({ queryKey: ['workspaces'] });
    },
  });
}

/** Only same-site paths are followed after sign-in, never another origin. */
export function safeNext(next: string | null | undefined): string | null {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  return next;
}

export const sessionsKey = ['me', 'sessions'] as const;

/** Where the signed-in user is signed in (browsers and devices). */
export function useAccountSessions() {
  return useQuery<AccountSession[]>({
    queryKey: sessionsKey,
    queryFn: async () => (await api.get('/auth/sessions', accountSessionList)).sessions,
  });
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChangePasswordRequest) => api.post('/auth/password', input, changePasswordResult),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionsKey }),
  });
}

export function useEndSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/auth/sessions/${id}`, ok),
    onSettled: () => queryClient.invalidateQueries({ queryKey: sessionsKey }),
  });
}

/** Ends every session but this one (`keepCurrent`), or all of them, this one too. */
export function useSignOutEverywhere() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (keepCurrent: boolean) =>
      api.post(`/auth/sign-out-everywhere?keepCurrent=${keepCurrent}`, undefined, sessionsEnded),
    onSuccess: (_r, keepCurrent) => {
      if (keepCurrent) return queryClient.invalidateQueries({ queryKey: sessionsKey });
      setCsrfToken(null);
      clearUserData(queryClient);
      queryClient.setQueryData(meKey, null);
    },
  });
}

export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: (email: string) => api.post('/auth/password-reset', { email }, ok),
  });
}

export function useResetPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { token: string; password: string }) =>
      api.post('/auth/password-reset/confirm', input, meSchema),
    onSuccess: (value) => {
      clearUserData(queryClient);
      storeMe(queryClient, value);
    },
  });
}
