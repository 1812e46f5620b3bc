import {
  type ColumnMapping,
  type CreateDeliverableRequest,
  type CreateSnapshotRequest,
  type CreateTrackerRequest,
  type CsvImportMode,
  campaignList,
  creatorList,
  type Deliverable,
  deliverable,
  deliverableList,
  deliverableScreenshotList,
  type ImportKind,
  type ImportPreview,
  type ImportRun,
  importPreview,
  importRun,
  type MappingKind,
  metricSnapshot,
  type OrderList,
  type OrderWebhookSettings,
  orderList,
  orderWebhookSettings,
  type PostWithSnapshots,
  postWithSnapshots,
  type ReceiverKind,
  type ReceiverSettings,
  type ReceiverTestResult,
  type RotatedWebhookSecret,
  receiverList,
  receiverTestResult,
  rotatedWebhookSecret,
  savedMapping,
  type Tracker,
  tracker,
  trackerList,
  type UpdateDeliverableRequest,
  type UtmSuggestion,
  utmSuggestion,
} from '@evergreen/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { API_BASE, api, type UploadProgress } from '../../shared/api/client.ts';
import { areaKey, invalidateWrites, useWorkspaceMutation } from '../../shared/api/invalidation.ts';
import type { ImportReading } from './rules.ts';

export type { ImportReading } from './rules.ts';

const base = (ws: string) => `/workspaces/${ws}`;

export const trackingKeys = {
  /** Posts, snapshots, orders and imports move together (an import or a post changes attribution). */
  all: (ws: string) => areaKey(ws, 'tracking'),
  posts: (ws: string, query: PostQuery) => ['workspaces', ws, 'tracking', 'posts', query] as const,
  post: (ws: string, id: string) => ['workspaces', ws, 'tracking', 'post', id] as const,
  orders: (ws: string, query: OrderQuery) => ['workspaces', ws, 'tracking', 'orders', query] as const,
  imports: (ws: string) => ['workspaces', ws, 'tracking', 'imports'] as const,
  importRun: (ws: string, id: string) => [...areaKey(ws, 'import-run'), id] as const,
  trackers: (ws: string, creatorId: string) => ['workspaces', ws, 'tracking', 'trackers', creatorId] as const,
  suggestion: (ws: string, creatorId: string, campaignId: string | null) =>
    ['workspaces', ws, 'tracking', 'utm', creatorId, campaignId] as const,
  webhook: (ws: string) => ['workspaces', ws, 'tracking', 'webhook'] as const,
  receivers: (ws: string) => ['workspaces', ws, 'tracking', 'receivers'] as const,
  options: (ws: string, what: 'creators' | 'campaigns') =>
    ['workspaces', ws, 'tracking', 'options', what] as const,
};

/**
 * What an import wrote shows everywhere once it has finished (the run itself is keyed apart): an
 * import writes orders, posts or snapshots, and creators' results.
 */
export function useInvalidateTracking(ws: string) {
  const queryClient = useQueryClient();
  return () => invalidateWrites(queryClient, ws, ['order', 'deliverable']);
}

// ---- options for pickers -------------------------------------------------------------------

export interface Option {
  value: string;
  label: string;
}

/** Every creator of the workspace as a picker option, by name. */
export function useCreatorOptions(ws: string) {
  return useQuery<Option[]>({
    queryKey: trackingKeys.options(ws, 'creators'),
    queryFn: async ({ signal }) => {
      const { creators } = await api.get(`${base(ws)}/creators`, creatorList, {
        query: { sort: 'name' },
        signal,
      });
      return creators.map((c) => ({ value: c.id, label: c.displayName }));
    },
    staleTime: 60_000,
  });
}

export function useCampaignOptions(ws: string) {
  return useQuery<Option[]>({
    queryKey: trackingKeys.options(ws, 'campaigns'),
    queryFn: async ({ signal }) => {
      const { campaigns } = await api.get(`${base(ws)}/campaigns`, campaignList, { signal });
      return campaigns.map((c) => ({ value: c.id, label: c.name }));
    },
    staleTime: 60_000,
  });
}

// ---- posts (deliverables) and snapshots ----------------------------------------------------

export type DeliverableList = ReturnType<typeof deliverableList.parse>;

export interface PostQuery {
  creatorId?: string;
  campaignId?: string;
  status?: string;
  sponsored?: 'true' | 'false';
  dueFrom?: string;
  dueTo?: string;
  postedFrom?: string;
  postedTo?: string;
  limit: number;
  offset: number;
}

export function usePosts(ws: string, query: PostQuery) {
  return useQuery<DeliverableList>({
    queryKey: trackingKeys.posts(ws, query),
    queryFn: ({ signal }) =>
      api.get(`${base(ws)}/deliverables`, deliverableList, { query: { ...query }, signal }),
    placeholderData: (previous) => previous,
  });
}

/** One post with every snapshot, oldest first. */
/** Screenshots of a post's numbers (sent by the creator in the portal). */
export function usePostScreenshots(ws: string, id: string) {
  return useQuery({
    queryKey: [...trackingKeys.post(ws, id), 'screenshots'],
    queryFn: async ({ signal }) =>
      (await api.get(`${base(ws)}/deliverables/${id}/screenshots`, deliverableScreenshotList, { signal }))
        .screenshots,
  });
}

export const screenshotUrl = (ws: string, id: string, screenshotId: string) =>
  `${API_BASE}${base(ws)}/deliverables/${id}/screenshots/${screenshotId}`;

export function usePost(ws: string, id: string | null) {
  return useQuery<PostWithSnapshots>({
    enabled: Boolean(id),
    queryKey: trackingKeys.post(ws, id ?? ''),
    queryFn: ({ signal }) =>
      api.get(`${base(ws)}/deliverables/${id}/snapshots`, postWithSnapshots, { signal }),
  });
}

export function useSavePost(ws: string) {
  return useWorkspaceMutation(ws, {
    writes: 'deliverable',
    mutationFn: (
      input: { id: null; body: CreateDeliverableRequest } | { id: string; body: UpdateDeliverableRequest },
    ): Promise<Deliverable> =>
      input.id === null
        ? api.post(`${base(ws)}/deliverables`, input.body, deliverable)
        : api.patch(`${base(ws)}/deliverables/${input.id}`, input.body, deliverable),
  });
}

export function useAddSnapshot(ws: string, deliverableId: string) {
  return useWorkspaceMutation(ws, {
    writes: 'deliverable',
    mutationFn: (body: CreateSnapshotRequest) =>
      api.post(`${base(ws)}/deliverables/${deliverableId}/snapshots`, body, metricSnapshot),
  });
}

// ---- trackers ------------------------------------------------------------------------------

export function useTrackers(ws: string, creatorId: string, includeArchived: boolean) {
  return useQuery<Tracker[]>({
    queryKey: [...trackingKeys.trackers(ws, creatorId), includeArchived],
    queryFn: async ({ signal }) =>
      (
        await api.get(`${base(ws)}/trackers`, trackerList, {
          query: { creatorId, includeArchived },
          signal,
        })
      ).trackers,
  });
}

export function useUtmSuggestion(ws: string, creatorId: string, campaignId: string | null) {
  return useQuery<UtmSuggestion>({
    queryKey: trackingKeys.suggestion(ws, creatorId, campaignId),
    queryFn: ({ signal }) =>
      api.get(`${base(ws)}/creators/${creatorId}/utm-suggestion`, utmSuggestion, {
        query: { creatorId, campaignId },
        signal,
      }),
    staleTime: 60_000,
  });
}

export function useCreateTracker(ws: string) {
  return useWorkspaceMutation(ws, {
    writes: 'tracker',
    mutationFn: (body: CreateTrackerRequest) => api.post(`${base(ws)}/trackers`, body, tracker),
  });
}

export function useArchiveTracker(ws: string) {
  return useWorkspaceMutation(ws, {
    writes: 'tracker',
    mutationFn: (id: string) => api.post(`${base(ws)}/trackers/${id}/archive`, undefined, tracker),
  });
}

// ---- orders --------------------------------------------------------------------------------

export interface OrderQuery {
  creatorId?: string;
  attributed?: 'yes' | 'no';
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

export function useOrders(ws: string, query: OrderQuery) {
  return useQuery<OrderList>({
    queryKey: trackingKeys.orders(ws, query),
    queryFn: ({ signal }) => api.get(`${base(ws)}/orders`, orderList, { query: { ...query }, signal }),
    placeholderData: (previous) => previous,
  });
}

export function useOrderWebhook(ws: string, enabled: boolean) {
  return useQuery<OrderWebhookSettings>({
    enabled,
    queryKey: trackingKeys.webhook(ws),
    queryFn: ({ signal }) => api.get(`${base(ws)}/orders/webhook`, orderWebhookSettings, { signal }),
  });
}

export function useRotateWebhookSecret(ws: string) {
  return useWorkspaceMutation(ws, {
    writes: 'order',
    mutationFn: (): Promise<RotatedWebhookSecret> =>
      api.post(`${base(ws)}/orders/webhook`, undefined, rotatedWebhookSecret),
    onSuccess: ({ secret: _secret, ...settings }, _input, queryClient) =>
      queryClient.setQueryData(trackingKeys.webhook(ws), settings),
  });
}

/** The Shopify and WooCommerce receivers: URL, secret set or not, last deliveries (owners). */
export function useReceivers(ws: string) {
  return useQuery<ReceiverSettings[]>({
    queryKey: trackingKeys.receivers(ws),
    queryFn: async ({ signal }) =>
      (await api.get(`${base(ws)}/orders/receivers`, receiverList, { signal })).receivers,
  });
}

export function useSetReceiverSecret(ws: string, kind: ReceiverKind) {
  return useWorkspaceMutation(ws, {
    writes: 'workspace',
    mutationFn: (secret: string): Promise<{ configured: boolean }> =>
      api.put(`${base(ws)}/orders/receivers/${kind}/secret`, { secret }),
  });
}

export function useSendReceiverTest(ws: string, kind: ReceiverKind) {
  const queryClient = useQueryClient();
  return useWorkspaceMutation(ws, {
    // The test delivery is logged (never an order): the receivers' list shows it.
    writes: [],
    mutationFn: (): Promise<ReceiverTestResult> =>
      api.post(`${base(ws)}/orders/receivers/${kind}/test`, undefined, receiverTestResult),
    onSettled: () => queryClient.invalidateQueries({ queryKey: trackingKeys.receivers(ws) }),
  });
}

// ---- imports -------------------------------------------------------------------------------

export function useImportRuns(ws: string) {
  return useQuery<ImportRun[]>({
    queryKey: trackingKeys.imports(ws),
    queryFn: async ({ signal }) => {
      const data = await api.get<ImportRun[] | { imports?: ImportRun[]; runs?: ImportRun[] }>(
        `${base(ws)}/imports`,
        undefined,
        { signal },
      );
      return Array.isArray(data) ? data : (data.imports ?? data.runs ?? []);
    },
    // Runs started elsewhere (another tab, the CLI, another server process) move on their own.
    refetchInterval: (query) => (query.state.data?.some((r) => r.status === 'running') ? 2000 : false),
  });
}

/** A run, polled every half second while it runs. */
export function useImportRun(ws: string, id: string | null) {
  return useQuery<ImportRun>({
    enabled: Boolean(id),
    queryKey: trackingKeys.importRun(ws, id ?? ''),
    queryFn: ({ signal }) => api.get(`${base(ws)}/imports/${id}`, importRun, { signal }),
    refetchInterval: (query) => (query.state.data?.status === 'running' ? 500 : false),
  });
}

export function useStartImport(ws: string) {
  return useWorkspaceMutation(ws, {
    // The run is listed at once; what it writes is refetched when it has finished.
    writes: [],
    mutationFn: ({
      kind,
      file,
      mode,
      reading,
      onUpload,
    }: {
      kind: ImportKind;
      file: File;
      mode: CsvImportMode;
      /** How the columns are read (the mapping step); absent: as the server recognises them. */
      reading?: ImportReading;
      onUpload?: (p: UploadProgress) => void;
    }) => {
      // Fields before the file: the server reads them, then streams the file into the import.
      const form = new FormData();
      form.append('mode', mode);
      form.append('fileName', file.name.slice(0, 255));
      if (reading?.preset) form.append('preset', reading.preset);
      if (reading?.saved) form.append('mapping', reading.saved);
      if (reading?.mapping) form.append('mappingJson', JSON.stringify(reading.mapping));
      form.append('file', file, file.name);
      return api.upload(`${base(ws)}/imports/${kind}`, form, importRun, onUpload);
    },
    onSuccess: (run, _input, queryClient) => {
      queryClient.setQueryData(trackingKeys.importRun(ws, run.id), run);
      void queryClient.invalidateQueries({ queryKey: trackingKeys.imports(ws) });
    },
  });
}

// ---- the mapping step ------------------------------------------------------------------------

/** How much of a file the preview reads (the server's own sample size). */
const HEAD_BYTES = 256 * 1024;

/** The file's first 256 KB, cut after its last whole line (the whole file when smaller). */
export async function fileHead(file: File): Promise<Blob> {
  if (file.size <= HEAD_BYTES) return file;
  const bytes = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
  const utf16le = bytes[0] === 0xff && bytes[1] === 0xfe;
  const nl = bytes.lastIndexOf(0x0a);
  // A UTF-16 LE line ends "0A 00": keep the second byte of the newline.
  const cut = nl < 0 ? bytes.length : nl + (utf16le ? 2 : 1);
  return file.slice(0, cut);
}

/**
 * How the server would read the file: its first bytes as they are (the encoding is detected),
 * then, once the user changes the mapping, that text decoded the same way with the mapping.
 */
export function useImportPreview(
  ws: string,
  kind: MappingKind,
  file: { key: string; head: Blob } | null,
  mapping: ColumnMapping | null,
  encoding: string | null,
) {
  return useQuery<ImportPreview>({
    enabled: Boolean(file),
    // The encoding matters only to a changed mapping's text (the raw preview detects it).
    queryKey: ['workspaces', ws, 'import-preview', kind, file?.key ?? '', mapping, mapping ? encoding : null],
    queryFn: async () => {
      const url = `${base(ws)}/import-mappings/preview/${kind}`;
      if (!mapping) return api.postRaw(url, { body: file!.head, contentType: 'text/csv' }, importPreview);
      const csv = new TextDecoder(encoding ?? 'utf-8').decode(await file!.head.arrayBuffer());
      return api.post(url, { csv, mapping }, importPreview);
    },
    placeholderData: (previous) => previous,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}

export function useSaveMapping(ws: string) {
  return useWorkspaceMutation(ws, {
    writes: [],
    mutationFn: (body: { kind: MappingKind; name: string; header: string[]; mapping: ColumnMapping }) =>
      api.post(`${base(ws)}/import-mappings`, body, savedMapping),
    // A file with this header is now read with it: previews say so.
    onSuccess: (_saved, _body, queryClient) =>
      queryClient.invalidateQueries({ queryKey: ['workspaces', ws, 'import-preview'] }),
  });
}
