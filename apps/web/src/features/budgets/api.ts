import {
  type Budget,
  type BudgetForecast,
  type BudgetPlan,
  type BudgetSummary,
  budget,
  budgetForecast,
  budgetList,
  budgetPlan,
  budgetSummary,
  bulkExchangeRatesResult,
  type CreateBudgetRequest,
  type CreateExchangeRateRequest,
  type ExchangeRate,
  exchangeRate,
  exchangeRateList,
  generatePaymentsResult,
  ok,
  onTimeList,
  type Payment,
  type PaymentInvoice,
  type PaymentPage,
  type PayPaymentRequest,
  payment,
  paymentInvoice,
  paymentInvoiceList,
  paymentList,
  type UpdateBudgetRequest,
  type UploadInvoiceRequest,
} from '@evergreen/contracts';
import { type QueryClient, useQuery } from '@tanstack/react-query';
import { API_BASE, api } from '../../shared/api/client.ts';
import { areaKey, useWorkspaceMutation } from '../../shared/api/invalidation.ts';
import { removeFromToday } from '../roster/api.ts';
import { type ImportReading, readingRequest } from '../tracking/rules.ts';

export type OnTimeRow = ReturnType<typeof onTimeList.parse>['creators'][number];

export const budgetKeys = {
  /** Budgets, their summaries, rates and payments: they move together. */
  all: (ws: string) => areaKey(ws, 'budgets'),
  list: (ws: string) => ['workspaces', ws, 'budgets', 'list'] as const,
  summary: (ws: string, year: number) => ['workspaces', ws, 'budgets', 'summary', year] as const,
  forecast: (ws: string, year: number) => ['workspaces', ws, 'budgets', 'forecast', year] as const,
  plan: (ws: string, year: number) => ['workspaces', ws, 'budgets', 'plan', year] as const,
  rates: (ws: string) => ['workspaces', ws, 'budgets', 'rates'] as const,
  payments: (ws: string, query: PaymentQuery) => ['workspaces', ws, 'budgets', 'payments', query] as const,
  payment: (ws: string, id: string) => ['workspaces', ws, 'budgets', 'payment', id] as const,
  onTime: (ws: string) => ['workspaces', ws, 'budgets', 'on-time'] as const,
  invoices: (ws: string, paymentId: string) =>
    ['workspaces', ws, 'budgets', 'payments', paymentId, 'invoices'] as const,
};

const base = (ws: string) => `/workspaces/${ws}`;

export function useBudgets(ws: string) {
  return useQuery<Budget[]>({
    queryKey: budgetKeys.list(ws),
    queryFn: async ({ signal }) => (await api.get(`${base(ws)}/budgets`, budgetList, { signal })).budgets,
  });
}

export function useBudgetSummary(ws: string, year: number, enabled: boolean) {
  return useQuery<BudgetSummary>({
    enabled,
    queryKey: budgetKeys.summary(ws, year),
    queryFn: ({ signal }) => api.get(`${base(ws)}/budgets/${year}/summary`, budgetSummary, { signal }),
  });
}

export function useBudgetForecast(ws: string, year: number) {
  return useQuery<BudgetForecast>({
    queryKey: budgetKeys.forecast(ws, year),
    queryFn: ({ signal }) => api.get(`${base(ws)}/budgets/${year}/forecast`, budgetForecast, { signal }),
  });
}

/** Plan for fiscal year `year + 1` from the agreements of `year`. */
export function useBudgetPlan(ws: string, year: number) {
  return useQuery<BudgetPlan>({
    queryKey: budgetKeys.plan(ws, year),
    queryFn: ({ signal }) => api.get(`${base(ws)}/budgets/${year}/plan`, budgetPlan, { signal }),
  });
}

export function useSaveBudget(ws: string) {
  return useWorkspaceMutation(ws, {
    writes: 'budget',
    mutationFn: (
      input:
        | { create: true; body: CreateBudgetRequest }
        | { create: false; year: number; body: UpdateBudgetRequest },
    ) =>
      input.create
        ? api.post(`${base(ws)}/budgets`, input.body, budget)
        : api.patch(`${base(ws)}/budgets/${input.year}`, input.body, budget),
  });
}

export function useExchangeRates(ws: string) {
  return useQuery<ExchangeRate[]>({
    queryKey: budgetKeys.rates(ws),
    queryFn: async ({ signal }) =>
      (await api.get(`${base(ws)}/exchange-rates`, exchangeRateList, { signal })).rates,
  });
}

export function useAddRate(ws: string) {
  return useWorkspaceMutation(ws, {
    writes: 'budget',
    mutationFn: (input: CreateExchangeRateRequest) =>
      api.post(`${base(ws)}/exchange-rates`, input, exchangeRate),
  });
}

export function useBulkRates(ws: string) {
  return useWorkspaceMutation(ws, {
    writes: 'budget',
    mutationFn: (rates: CreateExchangeRateRequest[]) =>
      api.post(`${base(ws)}/exchange-rates/bulk`, { rates }, bulkExchangeRatesResult),
  });
}

/** POST exchange-rates/import: a CSV file (date,currency,rate, or as mapped), all or nothing. */
export function useImportRates(ws: string) {
  return useWorkspaceMutation(ws, {
    writes: 'budget',
    mutationFn: ({ csv, reading }: { csv: string; reading?: ImportReading | null }) => {
      const { mapping, query } = readingRequest(reading);
      return api.post(`${base(ws)}/exchange-rates/import${query}`, { csv, mapping }, bulkExchangeRatesResult);
    },
  });
}

export function useDeleteRate(ws: string) {
  return useWorkspaceMutation(ws, {
    writes: 'budget',
    mutationFn: (id: string) => api.delete(`${base(ws)}/exchange-rates/${id}`, ok),
  });
}

/** GET payments: one page, what needs action first (docs/budgets.md). */
export interface PaymentQuery {
  open?: boolean;
  overdue?: boolean;
  status?: Payment['status'];
  creatorId?: string;
  sort: 'due' | 'action';
  limit: number;
  offset: number;
}

export function usePayments(ws: string, query: PaymentQuery) {
  return useQuery<PaymentPage>({
    queryKey: budgetKeys.payments(ws, query),
    queryFn: ({ signal }) => api.get(`${base(ws)}/payments`, paymentList, { query: { ...query }, signal }),
    // The page stays on screen while the next one loads.
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[1] === ws ? previous : undefined),
  });
}

/** One payment (Today's "Mark paid" opens it, whatever page it is on). */
export function usePayment(ws: string, id: string | null) {
  return useQuery<Payment>({
    enabled: Boolean(id),
    queryKey: budgetKeys.payment(ws, id ?? ''),
    queryFn: ({ signal }) => api.get(`${base(ws)}/payments/${id}`, payment, { signal }),
  });
}

export function useOnTime(ws: string) {
  return useQuery<OnTimeRow[]>({
    queryKey: budgetKeys.onTime(ws),
    queryFn: async ({ signal }) =>
      (await api.get(`${base(ws)}/payments/on-time`, onTimeList, { signal })).creators,
  });
}

export function useGeneratePayments(ws: string) {
  return useWorkspaceMutation(ws, {
    writes: 'payment',
    mutationFn: () => api.post(`${base(ws)}/payments/generate`, undefined, generatePaymentsResult),
  });
}

/** A payment no longer open (paid, cancelled) is no longer on Today, from this moment. */
function dropPaymentFromToday(queryClient: QueryClient, ws: string, p: Payment) {
  if (p.status === 'paid' || p.status === 'cancelled')
    removeFromToday(queryClient, ws, (item) => item.type === 'payment' && item.paymentId === p.id);
}

export function usePayPayment(ws: string) {
  return useWorkspaceMutation(ws, {
    writes: 'payment',
    mutationFn: ({ id, body }: { id: string; body: PayPaymentRequest }) =>
      api.post(`${base(ws)}/payments/${id}/pay`, body, payment),
    // Paid in full, it leaves Today at once; part paid, Today shows what is left.
    onSuccess: (paid, _input, queryClient) => dropPaymentFromToday(queryClient, ws, paid),
  });
}

export function useCancelPayment(ws: string) {
  return useWorkspaceMutation(ws, {
    writes: 'payment',
    mutationFn: (id: string) => api.post(`${base(ws)}/payments/${id}/cancel`, undefined, payment),
  });
}

export function usePaymentInvoices(ws: string, paymentId: string) {
  return useQuery<PaymentInvoice[]>({
    queryKey: budgetKeys.invoices(ws, paymentId),
    queryFn: async ({ signal }) =>
      (await api.get(`${base(ws)}/payments/${paymentId}/invoices`, paymentInvoiceList, { signal })).invoices,
  });
}

export function useUploadInvoice(ws: string, paymentId: string) {
  return useWorkspaceMutation(ws, {
    writes: 'payment',
    mutationFn: (body: UploadInvoiceRequest) =>
      api.post(`${base(ws)}/payments/${paymentId}/invoices`, body, paymentInvoice),
  });
}

export function useDeleteInvoice(ws: string, paymentId: string) {
  return useWorkspaceMutation(ws, {
    writes: 'payment',
    mutationFn: (invoiceId: string) =>
      api.delete(`${base(ws)}/payments/${paymentId}/invoices/${invoiceId}`, ok),
  });
}

/** The download address of an invoice file (same origin, the session cookie applies). */
export const invoiceUrl = (ws: string, paymentId: string, invoiceId: string) =>
  `${API_BASE}${base(ws)}/payments/${paymentId}/invoices/${invoiceId}`;
