import {
  type AcceptBriefRequest,
  agreement,
  brief,
  briefDetail,
  type DeclineBriefRequest,
  deliverable,
  deliverableScreenshot,
  deliverableScreenshotList,
  ok,
  type PaymentDetails,
  type PortalInsightRequest,
  type PortalMe,
  type PortalSubmitPostRequest,
  payment,
  paymentInvoice,
  paymentInvoiceList,
  portalInsightList,
  portalLearned,
  portalMe,
  portalMonthlySummary,
  portalOverlap,
  portalPaymentDetails,
  portalResults,
  portalSignInResult,
  type RespondChangeRequest,
  type UploadInvoiceRequest,
  type UploadScreenshotRequest,
} from '@evergreen/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, setPortalCsrfToken } from '../shared/api/client.ts';
import { areaKey, useWorkspaceMutation } from '../shared/api/invalidation.ts';

/** The portal's queries: `['portal-me']`, and per workspace under the `portal` area. */
export const portalMeKey = ['portal-me'] as const;
export const portalKeys = {
  all: (ws: string) => areaKey(ws, 'portal'),
  briefs: (ws: string) => ['workspaces', ws, 'portal', 'briefs'] as const,
  brief: (ws: string, id: string) => ['workspaces', ws, 'portal', 'brief', id] as const,
  agreements: (ws: string) => ['workspaces', ws, 'portal', 'agreements'] as const,
  deliverables: (ws: string) => ['workspaces', ws, 'portal', 'deliverables'] as const,
  payments: (ws: string) => ['workspaces', ws, 'portal', 'payments'] as const,
  paymentDetails: (ws: string) => ['workspaces', ws, 'portal', 'payment-details'] as const,
  monthlySummary: (ws: string) => ['workspaces', ws, 'portal', 'monthly-summary'] as const,
  results: (ws: string) => ['workspaces', ws, 'portal', 'results'] as const,
  insights: (ws: string) => ['workspaces', ws, 'portal', 'insights'] as const,
  overlap: (ws: string) => ['workspaces', ws, 'portal', 'overlap'] as const,
};

export async function fetchPortalMe(): Promise<PortalMe | null> {
  try {
    const me = await api.get('/portal/me', portalMe);
    setPortalCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setPortalCsrfToken(null);
      return null;
    }
    throw error;
  }
}

/** The signed-in creator (one creator of one brand), or null. */
export function usePortalMe() {
  return useQuery({ queryKey: portalMeKey, queryFn: fetchPortalMe, staleTime: 60_000, retry: false });
}

export function useRequestLink() {
  return useMutation({
    mutationFn: (email: string) => api.post('/portal/auth/request-link', { email }, ok),
  });
}

export function usePortalSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token: string) => api.post('/portal/auth/sign-in', { token }, portalSignInResult),
    onSuccess: (me) => {
      // Another brand's portal may have been open in this browser: forget what it showed.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] === 'workspaces' });
      setPortalCsrfToken(me.csrfToken);
      const { next: _next, ...who } = me;
      queryClient.setQueryData(portalMeKey, who);
    },
  });
}

export function usePortalSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post('/portal/auth/sign-out', undefined, ok),
    onSettled: () => {
      setPortalCsrfToken(null);
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] === 'workspaces' });
      queryClient.setQueryData(portalMeKey, null);
    },
  });
}

export function usePortalBriefs(ws: string) {
  return useQuery({
    queryKey: portalKeys.briefs(ws),
    queryFn: () => api.get('/portal/briefs', brief.array()),
  });
}

export function usePortalBrief(ws: string, id: string | null) {
  return useQuery({
    queryKey: portalKeys.brief(ws, id ?? ''),
    queryFn: () => api.get(`/portal/briefs/${id}`, briefDetail),
    enabled: !!id,
  });
}

export function useAcceptPortalBrief(ws: string, id: string) {
  return useWorkspaceMutation(ws, {
    writes: 'brief',
    mutationFn: (input: AcceptBriefRequest) => api.post(`/portal/briefs/${id}/accept`, input, briefDetail),
  });
}

export function useRespondPortalChange(ws: string, id: string) {
  return useWorkspaceMutation(ws, {
    writes: 'brief',
    mutationFn: (input: RespondChangeRequest) =>
      api.post(`/portal/briefs/${id}/change-request`, input, briefDetail),
  });
}

export function useDeclinePortalBrief(ws: string, id: string) {
  return useWorkspaceMutation(ws, {
    writes: 'brief',
    mutationFn: (input: DeclineBriefRequest) => api.post(`/portal/briefs/${id}/decline`, input, briefDetail),
  });
}

export function usePortalAgreements(ws: string) {
  return useQuery({
    queryKey: portalKeys.agreements(ws),
    queryFn: () => api.get('/portal/agreements', agreement.array()),
  });
}

export function useAcceptPortalAgreement(ws: string, id: string) {
  return useWorkspaceMutation(ws, {
    writes: 'agreement',
    mutationFn: (acceptedName: string) =>
      api.post(`/portal/agreements/${id}/accept`, { acceptedName }, agreement),
  });
}

export function usePortalNotice(ws: string, id: string) {
  return useWorkspaceMutation(ws, {
    writes: 'agreement',
    mutationFn: (reason: string) =>
      api.post(`/portal/agreements/${id}/notice`, reason ? { reason } : {}, agreement),
  });
}

export function usePortalDeliverables(ws: string) {
  return useQuery({
    queryKey: portalKeys.deliverables(ws),
    queryFn: () => api.get('/portal/deliverables', deliverable.array()),
  });
}

export function useSubmitPortalPost(ws: string, id: string) {
  return useWorkspaceMutation(ws, {
    writes: 'deliverable',
    mutationFn: (input: PortalSubmitPostRequest) =>
      api.post(`/portal/deliverables/${id}/submit`, input, deliverable),
  });
}

export function usePortalPayments(ws: string) {
  return useQuery({
    queryKey: portalKeys.payments(ws),
    queryFn: () => api.get('/portal/payments', payment.array()),
  });
}

export function usePortalPaymentDetails(ws: string) {
  return useQuery({
    queryKey: portalKeys.paymentDetails(ws),
    queryFn: () => api.get('/portal/payment-details', portalPaymentDetails),
  });
}

export function usePortalInvoices(ws: string, paymentId: string) {
  return useQuery({
    queryKey: [...portalKeys.payments(ws), paymentId, 'invoices'],
    queryFn: async () =>
      (await api.get(`/portal/payments/${paymentId}/invoices`, paymentInvoiceList)).invoices,
  });
}

export function useUploadPortalInvoice(ws: string, paymentId: string) {
  return useWorkspaceMutation(ws, {
    writes: 'payment',
    mutationFn: (body: UploadInvoiceRequest) =>
      api.post(`/portal/payments/${paymentId}/invoices`, body, paymentInvoice),
  });
}

export function usePortalScreenshots(ws: string, deliverableId: string) {
  return useQuery({
    queryKey: [...portalKeys.deliverables(ws), deliverableId, 'screenshots'],
    queryFn: async () =>
      (await api.get(`/portal/deliverables/${deliverableId}/screenshots`, deliverableScreenshotList))
        .screenshots,
  });
}

export function useUploadPortalScreenshot(ws: string, deliverableId: string) {
  return useWorkspaceMutation(ws, {
    writes: 'deliverable',
    mutationFn: (body: UploadScreenshotRequest) =>
      api.post(`/portal/deliverables/${deliverableId}/screenshots`, body, deliverableScreenshot),
  });
}

export const portalScreenshotUrl = (deliverableId: string, id: string) =>
  `/api/v1/portal/deliverables/${deliverableId}/screenshots/${id}`;

export const portalInvoiceUrl = (paymentId: string, invoiceId: string) =>
  `/api/v1/portal/payments/${paymentId}/invoices/${invoiceId}`;

export function useSetPortalPaymentDetails(ws: string) {
  return useWorkspaceMutation(ws, {
    writes: 'creator',
    mutationFn: (details: PaymentDetails) =>
      api.put('/portal/payment-details', { paymentDetails: details }, portalPaymentDetails),
  });
}

/** The creator's own monthly summary setting, and whether the brand switched it off. */
export function usePortalMonthlySummary(ws: string) {
  return useQuery({
    queryKey: portalKeys.monthlySummary(ws),
    queryFn: () => api.get('/portal/monthly-summary', portalMonthlySummary),
  });
}

export function useSetPortalMonthlySummary(ws: string) {
  return useWorkspaceMutation(ws, {
    writes: 'creator',
    mutationFn: (optedIn: boolean) => api.put('/portal/monthly-summary', { optedIn }, portalMonthlySummary),
  });
}

export function usePortalResults(ws: string) {
  return useQuery({
    queryKey: portalKeys.results(ws),
    queryFn: () => api.get('/portal/results', portalResults),
  });
}

export function usePortalInsights(ws: string) {
  return useQuery({
    queryKey: portalKeys.insights(ws),
    queryFn: async () => (await api.get('/portal/insights', portalInsightList)).insights,
  });
}

export function useSendPortalInsight(ws: string) {
  return useWorkspaceMutation(ws, {
    writes: 'selection',
    mutationFn: (input: PortalInsightRequest) => api.post('/portal/insights', input, portalLearned),
  });
}

export function usePortalOverlap(ws: string) {
  return useQuery({
    queryKey: portalKeys.overlap(ws),
    queryFn: () => api.get('/portal/overlap', portalOverlap),
  });
}
