import {
  audienceSnapshot,
  bulkResult,
  type CreateCreatorRequest,
  type Creator,
  type CreatorList,
  type CsvImportMode,
  creator,
  creatorImportPreview,
  creatorImportResult,
  creatorList,
  type LogTouchpointRequest,
  type MonthlySummaryUpdate,
  monthlySummaryView,
  ok,
  type PaymentDetails,
  paymentDetails,
  portalAccessStatus,
  type TimelineEntry,
  type Today,
  type TodayItem,
  type Touchpoint,
  timelineEntry,
  today,
  touchpoint,
  type UpdateCreatorRequest,
} from '@evergreen/contracts';
import { type QueryClient, useMutation, useQuery } from '@tanstack/react-query';
import { api, type Parser } from '../../shared/api/client.ts';
import { areaKey, useWorkspaceMutation } from '../../shared/api/invalidation.ts';
import { type ImportReading, readingRequest } from '../tracking/rules.ts';
import { filtersToApiQuery, type RosterFilters } from './filters.ts';

export type AudienceSnapshot = ReturnType<typeof audienceSnapshot.parse>;
export type AddAudienceSnapshot = {
  capturedOn: string;
  platform: AudienceSnapshot['platform'];
  followers: number;
  avgEngagementRatePct?: string | null;
  audienceQualityPct?: string | null;
};
export type BulkAction =
  | { type: 'change_tier'; tier: number; reason: string }
  | { type: 'assign_owner'; ownerUserId: string | null }
  | { type: 'add_tag'; tag: string }
  | { type: 'set_status'; status: Creator['status'] };
export type TodayScope = 'mine' | 'team';

const timelineList = timelineEntry.array();
const touchpointList = touchpoint.array();
const audienceList = audienceSnapshot.array();
const nullableDetails = paymentDetails.nullable();
/** The answer of POST …/payment-details/reveal: `{ paymentDetails }`. */
const revealed: Parser<{ paymentDetails: PaymentDetails | null }> = {
  safeParse(data) {
    const inner = nullableDetails.safeParse((data as { paymentDetails?: unknown } | null)?.paymentDetails);
    return inner.success
      ? { success: true, data: { paymentDetails: inner.data } }
      : { success: false, error: inner.error };
  },
};

export const rosterKeys = {
  /** Everything about creators in a workspace: invalidated after any roster write. */
  all: (ws: string) => areaKey(ws, 'roster'),
  list: (ws: string, filters: RosterFilters) => ['workspaces', ws, 'roster', 'list', filters] as const,
  creator: (ws: string, id: string) => ['workspaces', ws, 'roster', 'creator', id] as const,
  timeline: (ws: string, id: string) => ['workspaces', ws, 'roster', 'creator', id, 'timeline'] as const,
  touchpoints: (ws: string, id: string) =>
    ['workspaces', ws, 'roster', 'creator', id, 'touchpoints'] as const,
  audience: (ws: string, id: string) => ['workspaces', ws, 'roster', 'creator', id, 'audience'] as const,
  today: (ws: string) => areaKey(ws, 'today'),
  todayScope: (ws: string, scope: TodayScope) => ['workspaces', ws, 'today', scope] as const,
};

const base = (ws: string) => `/workspaces/${ws}`;

/** The previous answer stays on screen while the next loads, but never another workspace's. */
const sameWorkspace =
  (ws: string) =>
  <T>(previous: T | undefined, previousQuery: { queryKey: readonly unknown[] } | undefined): T | undefined =>
    previousQuery?.queryKey[1] === ws ? previous : undefined;
const creatorPath = (ws: string, id: string) => `${base(ws)}/creators/${id}`;

export function useCreators(ws: string, filters: RosterFilters, enabled = true) {
  return useQuery<CreatorList>({
    enabled,
    queryKey: rosterKeys.list(ws, filters),
    queryFn: ({ signal }) =>
      api.get(`${base(ws)}/creators`, creatorList, { query: filtersToApiQuery(filters), signal }),
    // Keep the rows on screen while a new filter loads, instead of flashing a loader.
    placeholderData: sameWorkspace(ws),
  });
}

export function useCreator(ws: string, id: string) {
  return useQuery<Creator>({
    queryKey: rosterKeys.creator(ws, id),
    queryFn: () => api.get(creatorPath(ws, id), creator),
  });
}

export function useCreateCreator(ws: string) {
  return useWorkspaceMutation(ws, {
    writes: 'creator',
    mutationFn: (input: CreateCreatorRequest) => api.post(`${base(ws)}/creators`, input, creator),
    onSuccess: (created, _input, queryClient) =>
      queryClient.setQueryData(rosterKeys.creator(ws, created.id), created),
  });
}

function useCreatorWrite<TInput>(ws: string, id: string, write: (input: TInput) => Promise<Creator>) {
  return useWorkspaceMutation(ws, {
    writes: 'creator',
    mutationFn: write,
    onSuccess: (updated, _input, queryClient) =>
      queryClient.setQueryData(rosterKeys.creator(ws, id), updated),
  });
}

export function useUpdateCreator(ws: string, id: string) {
  return useCreatorWrite(ws, id, (input: UpdateCreatorRequest) =>
    api.patch(creatorPath(ws, id), input, creator),
  );
}

export function useChangeTier(ws: string, id: string) {
  return useCreatorWrite(ws, id, (input: { tier: number; reason: string }) =>
    api.post(`${creatorPath(ws, id)}/tier`, input, creator),
  );
}

export function useSetPaymentDetails(ws: string, id: string) {
  return useCreatorWrite(ws, id, (details: PaymentDetails | null) =>
    api.put(`${creatorPath(ws, id)}/payment-details`, { paymentDetails: details }, creator),
  );
}

/** The details in clear, for this view only: never cached (the server records each reveal). */
export function useRevealPaymentDetails(ws: string, id: string) {
  return useMutation({
    mutationFn: () => api.post(`${creatorPath(ws, id)}/payment-details/reveal`, undefined, revealed),
  });
}

export function useBulkCreators(ws: string) {
  return useWorkspaceMutation(ws, {
    writes: 'creator',
    mutationFn: (input: { ids: string[]; action: BulkAction }) =>
      api.post(`${base(ws)}/creators/bulk`, input, bulkResult),
  });
}

export function useTimeline(ws: string, id: string) {
  return useQuery<TimelineEntry[]>({
    queryKey: rosterKeys.timeline(ws, id),
    queryFn: () => api.get(`${creatorPath(ws, id)}/timeline`, timelineList),
  });
}

export function useTouchpoints(ws: string, id: string) {
  return useQuery<Touchpoint[]>({
    queryKey: rosterKeys.touchpoints(ws, id),
    queryFn: () => api.get(`${creatorPath(ws, id)}/touchpoints`, touchpointList),
  });
}

export function useLogTouchpoint(ws: string) {
  return useWorkspaceMutation(ws, {
    writes: 'touchpoint',
    mutationFn: ({ creatorId, input }: { creatorId: string; input: LogTouchpointRequest }) =>
      api.post(`${creatorPath(ws, creatorId)}/touchpoints`, input, touchpoint),
    onSuccess: (_logged, { creatorId }, queryClient) => removeCheckInFromToday(queryClient, ws, creatorId),
  });
}

export function useDeleteTouchpoint(ws: string, creatorId: string) {
  return useWorkspaceMutation(ws, {
    writes: 'touchpoint',
    mutationFn: (touchpointId: string) =>
      api.delete(`${creatorPath(ws, creatorId)}/touchpoints/${touchpointId}`, ok),
  });
}

export function useSnooze(ws: string) {
  return useWorkspaceMutation(ws, {
    writes: 'touchpoint',
    mutationFn: ({ creatorId, until, reason }: { creatorId: string; until: string; reason: string }) =>
      api.post(`${creatorPath(ws, creatorId)}/snooze`, { until, reason }, ok),
    onSuccess: (_ok, { creatorId }, queryClient) => removeCheckInFromToday(queryClient, ws, creatorId),
  });
}

export function useAudience(ws: string, id: string) {
  return useQuery<AudienceSnapshot[]>({
    queryKey: rosterKeys.audience(ws, id),
    queryFn: () => api.get(`${creatorPath(ws, id)}/audience`, audienceList),
  });
}

export function useAddAudienceSnapshot(ws: string, id: string) {
  return useWorkspaceMutation(ws, {
    writes: 'audience',
    mutationFn: (input: AddAudienceSnapshot) =>
      api.post(`${creatorPath(ws, id)}/audience`, input, audienceSnapshot),
  });
}

export function useToday(ws: string, scope: TodayScope) {
  return useQuery<Today>({
    queryKey: rosterKeys.todayScope(ws, scope),
    queryFn: () => api.get(`${base(ws)}/today`, today, { query: { scope } }),
    placeholderData: sameWorkspace(ws),
  });
}

/**
 * Drops items from every cached Today at once (the refetch that follows confirms it), so going
 * back to Today never shows, even for a moment, what was just done.
 */
export function removeFromToday(queryClient: QueryClient, ws: string, drop: (item: TodayItem) => boolean) {
  queryClient.setQueriesData<Today>({ queryKey: rosterKeys.today(ws) }, (data) =>
    data ? { ...data, items: data.items.filter((item) => !drop(item)) } : data,
  );
}

/** The check-in leaves Today at once. Renewal decisions stay. */
function removeCheckInFromToday(queryClient: QueryClient, ws: string, creatorId: string) {
  removeFromToday(queryClient, ws, (item) => item.type === 'check_in' && item.creatorId === creatorId);
}

/** What importing a CSV would do, row by row; writes nothing. */
export function usePreviewImport(ws: string) {
  return useMutation({
    mutationFn: ({ csv, reading }: { csv: string; reading?: ImportReading | null }) => {
      const { mapping, query } = readingRequest(reading);
      return api.post(`${base(ws)}/creators/import/preview${query}`, { csv, mapping }, creatorImportPreview);
    },
  });
}

export function useImportCreators(ws: string) {
  return useWorkspaceMutation(ws, {
    writes: 'creator',
    mutationFn: ({
      csv,
      mode,
      reading,
    }: {
      csv: string;
      mode: CsvImportMode;
      reading?: ImportReading | null;
    }) => {
      const { mapping, query } = readingRequest(reading);
      const q = query ? `${query}&mode=${mode}` : `?mode=${mode}`;
      return api.post(`${base(ws)}/creators/import${q}`, { csv, mapping }, creatorImportResult);
    },
  });
}

/** The creator's portal access (invited, last sign-in, revoked). */
export function usePortalAccess(ws: string, id: string) {
  return useQuery({
    queryKey: ['workspaces', ws, 'roster', 'creator', id, 'portal'] as const,
    queryFn: () => api.get(`${creatorPath(ws, id)}/portal`, portalAccessStatus),
  });
}

export function useInvitePortal(ws: string, id: string) {
  return useWorkspaceMutation(ws, {
    writes: 'portalAccess',
    mutationFn: () => api.post(`${creatorPath(ws, id)}/portal/invite`, undefined, portalAccessStatus),
  });
}

export function useRevokePortal(ws: string, id: string) {
  return useWorkspaceMutation(ws, {
    writes: 'portalAccess',
    mutationFn: () => api.delete(`${creatorPath(ws, id)}/portal`, portalAccessStatus),
  });
}

/** The creator's monthly results summary: on/off, the personal line, a preview, what was sent. */
export function useMonthlySummary(ws: string, id: string) {
  return useQuery({
    queryKey: ['workspaces', ws, 'roster', 'creator', id, 'monthly-summary'] as const,
    queryFn: () => api.get(`${creatorPath(ws, id)}/monthly-summary`, monthlySummaryView),
  });
}

export function useUpdateMonthlySummary(ws: string, id: string) {
  return useWorkspaceMutation(ws, {
    writes: 'monthlySummary',
    mutationFn: (body: MonthlySummaryUpdate) =>
      api.put(`${creatorPath(ws, id)}/monthly-summary`, body, monthlySummaryView),
  });
}
