import {
  type Agreement,
  agreement,
  agreementList,
  type CreateAgreementRequest,
  type Deliverable,
  deliverableList,
  type MessagePreview,
  messagePreview,
  ok,
  type RenewAgreementRequest,
  type RenewalPipeline,
  type RetainerLedger,
  renewalPipeline,
  retainerLedger,
  type SendAgreementResult,
  sendAgreementResult,
  type UpdateAgreementRequest,
} from '@evergreen/contracts';
import { useQuery } from '@tanstack/react-query';
import { API_BASE, api } from '../../shared/api/client.ts';
import { areaKey, useWorkspaceMutation } from '../../shared/api/invalidation.ts';

export const agreementKeys = {
  /** Everything about agreements in a workspace: invalidated after any agreement write. */
  all: (ws: string) => areaKey(ws, 'agreements'),
  byCreator: (ws: string, creatorId: string) =>
    ['workspaces', ws, 'agreements', 'creator', creatorId] as const,
  detail: (ws: string, id: string) => ['workspaces', ws, 'agreements', 'detail', id] as const,
  ledger: (ws: string, id: string) => ['workspaces', ws, 'agreements', 'detail', id, 'ledger'] as const,
  deliverables: (ws: string, id: string) =>
    ['workspaces', ws, 'agreements', 'detail', id, 'deliverables'] as const,
  renewals: (ws: string, within: number) => ['workspaces', ws, 'agreements', 'renewals', within] as const,
};

const base = (ws: string) => `/workspaces/${ws}`;
const agreementPath = (ws: string, id: string) => `${base(ws)}/agreements/${id}`;

/** Where the browser opens the document: the same-origin session cookie authorises it. */
export const documentUrl = (ws: string, id: string, format: 'html' | 'pdf') =>
  `${API_BASE}${agreementPath(ws, id)}/document.${format}`;

/** A creator's agreements, every term, newest first. */
export function useCreatorAgreements(ws: string, creatorId: string) {
  return useQuery<Agreement[]>({
    queryKey: agreementKeys.byCreator(ws, creatorId),
    queryFn: async ({ signal }) => {
      const { agreements } = await api.get(`${base(ws)}/agreements`, agreementList, {
        query: { creatorId },
        signal,
      });
      return [...agreements].sort(
        (a, b) =>
          b.startsOn.localeCompare(a.startsOn) ||
          b.termNumber - a.termNumber ||
          b.createdAt.localeCompare(a.createdAt),
      );
    },
  });
}

export function useAgreement(ws: string, id: string) {
  return useQuery<Agreement>({
    queryKey: agreementKeys.detail(ws, id),
    queryFn: () => api.get(agreementPath(ws, id), agreement),
  });
}

export function useCreateAgreement(ws: string) {
  return useWorkspaceMutation(ws, {
    writes: 'agreement',
    mutationFn: (input: CreateAgreementRequest) => api.post(`${base(ws)}/agreements`, input, agreement),
    onSuccess: (created, _input, queryClient) =>
      queryClient.setQueryData(agreementKeys.detail(ws, created.id), created),
  });
}

/** Any write on one agreement that answers the agreement: its page updates at once. */
function useAgreementWrite<TInput>(ws: string, _id: string, write: (input: TInput) => Promise<Agreement>) {
  return useWorkspaceMutation(ws, {
    writes: 'agreement',
    mutationFn: write,
    onSuccess: (updated, _input, queryClient) =>
      queryClient.setQueryData(agreementKeys.detail(ws, updated.id), updated),
  });
}

export const useUpdateAgreement = (ws: string, id: string) =>
  useAgreementWrite(ws, id, (input: UpdateAgreementRequest) =>
    api.patch(agreementPath(ws, id), input, agreement),
  );
/** The email "Send to the creator" would send: the agreement in full, in its language. */
export function useAgreementSendPreview(ws: string, id: string) {
  return useQuery<MessagePreview>({
    queryKey: [...agreementKeys.detail(ws, id), 'send-preview'],
    queryFn: () => api.post(`${agreementPath(ws, id)}/send/preview`, undefined, messagePreview),
    staleTime: 0,
    gcTime: 0,
  });
}

/** Sends the agreement with the (edited) email; the answer says what happened to the email. */
export function useSendAgreement(ws: string, id: string) {
  return useWorkspaceMutation(ws, {
    // Once the email leaves it is a touchpoint: the creator, the roster and Today move.
    writes: ['agreement', 'message'],
    mutationFn: (input: { subject: string; body: string }) =>
      api.post<SendAgreementResult>(`${agreementPath(ws, id)}/send`, input, sendAgreementResult),
    onSuccess: ({ agreement: updated }, _input, queryClient) =>
      queryClient.setQueryData(agreementKeys.detail(ws, updated.id), updated),
  });
}
export const useAcceptAgreement = (ws: string, id: string) =>
  useAgreementWrite(ws, id, (input: { acceptedName: string }) =>
    api.post(`${agreementPath(ws, id)}/accept`, input, agreement),
  );
export const useActivateAgreement = (ws: string, id: string) =>
  useAgreementWrite(ws, id, () => api.post(`${agreementPath(ws, id)}/activate`, undefined, agreement));
export const useGiveNotice = (ws: string, id: string) =>
  useAgreementWrite(ws, id, (input: { by: 'brand' | 'creator'; givenOn?: string; reason?: string }) =>
    api.post(`${agreementPath(ws, id)}/notice`, input, agreement),
  );
export const useEndAgreement = (ws: string, id: string) =>
  useAgreementWrite(ws, id, (input: { endedOn?: string; reason?: string }) =>
    api.post(`${agreementPath(ws, id)}/end`, input, agreement),
  );
export const useExtendDecision = (ws: string, id: string) =>
  useAgreementWrite(ws, id, (input: { decision: 'extend' | 'move_on'; learned: string }) =>
    api.post(`${agreementPath(ws, id)}/extend-decision`, input, agreement),
  );
/** Answers the next term; the previous one now links to it. */
export const useRenewAgreement = (ws: string, id: string) =>
  useAgreementWrite(ws, id, (input: RenewAgreementRequest) =>
    api.post(`${agreementPath(ws, id)}/renew`, input, agreement),
  );

export function useDeleteAgreement(ws: string, id: string, _creatorId: string) {
  return useWorkspaceMutation(ws, {
    writes: 'agreement',
    mutationFn: () => api.delete(agreementPath(ws, id), ok),
    onSuccess: (_ok, _input, queryClient) =>
      queryClient.removeQueries({ queryKey: agreementKeys.detail(ws, id) }),
  });
}

export function useLedger(ws: string, id: string, enabled: boolean) {
  return useQuery<RetainerLedger>({
    enabled,
    queryKey: agreementKeys.ledger(ws, id),
    queryFn: () => api.get(`${agreementPath(ws, id)}/ledger`, retainerLedger),
  });
}

export function useAgreementDeliverables(ws: string, id: string) {
  return useQuery<Deliverable[]>({
    queryKey: agreementKeys.deliverables(ws, id),
    queryFn: async ({ signal }) => {
      const { deliverables } = await api.get(`${base(ws)}/deliverables`, deliverableList, {
        query: { agreementId: id },
        signal,
      });
      return deliverables;
    },
  });
}

export function useRenewals(ws: string, within: number) {
  return useQuery<RenewalPipeline>({
    queryKey: agreementKeys.renewals(ws, within),
    queryFn: ({ signal }) => api.get(`${base(ws)}/renewals`, renewalPipeline, { query: { within }, signal }),
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[1] === ws ? previous : undefined),
  });
}
