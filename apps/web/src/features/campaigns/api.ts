import {
  type BriefDetail,
  brief,
  briefDetail,
  type CampaignDetail,
  type CampaignList,
  type CreateBriefRequest,
  type CreateCampaignRequest,
  campaign,
  campaignDetail,
  campaignList,
  type EditBriefRequest,
  editBriefResult,
  type MessagePreview,
  messagePreview,
  notifyOverlapResult,
  type OverlapCalendar,
  type OverlapNoticePreview,
  overlapCalendar,
  overlapNoticePreview,
  type SendBriefResult,
  sendBriefResult,
  suggestionList,
  type UpdateCampaignRequest,
  type Workspace,
  workspace,
} from '@evergreen/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../shared/api/client.ts';
import { areaKey, useWorkspaceMutation } from '../../shared/api/invalidation.ts';
import { workspaceKeys } from '../workspaces/api.ts';
import { type CampaignFilters, filtersToApiQuery } from './filters.ts';

const briefList = brief.array();

export const campaignKeys = {
  /** Everything about campaigns, briefs and overlaps in a workspace: invalidated after any write. */
  all: (ws: string) => areaKey(ws, 'campaigns'),
  list: (ws: string, filters: CampaignFilters) => ['workspaces', ws, 'campaigns', 'list', filters] as const,
  detail: (ws: string, id: string) => ['workspaces', ws, 'campaigns', 'detail', id] as const,
  suggestions: (ws: string, id: string) => ['workspaces', ws, 'campaigns', 'suggestions', id] as const,
  brief: (ws: string, campaignId: string, briefId: string) =>
    ['workspaces', ws, 'campaigns', 'brief', campaignId, briefId] as const,
  creatorBriefs: (ws: string, creatorId: string) =>
    ['workspaces', ws, 'campaigns', 'creator-briefs', creatorId] as const,
  overlaps: (ws: string, from: string, to: string) =>
    ['workspaces', ws, 'campaigns', 'overlaps', from, to] as const,
};

const base = (ws: string) => `/workspaces/${ws}`;
const campaignPath = (ws: string, id: string) => `${base(ws)}/campaigns/${id}`;
const briefPath = (ws: string, campaignId: string, briefId: string) =>
  `${campaignPath(ws, campaignId)}/briefs/${briefId}`;

export function useCampaigns(ws: string, filters: CampaignFilters) {
  return useQuery<CampaignList>({
    queryKey: campaignKeys.list(ws, filters),
    queryFn: ({ signal }) =>
      api.get(`${base(ws)}/campaigns`, campaignList, { query: filtersToApiQuery(filters), signal }),
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[1] === ws ? previous : undefined),
  });
}

export function useCampaign(ws: string, id: string) {
  return useQuery<CampaignDetail>({
    queryKey: campaignKeys.detail(ws, id),
    queryFn: () => api.get(campaignPath(ws, id), campaignDetail),
  });
}

export function useCreateCampaign(ws: string) {
  return useWorkspaceMutation(ws, {
    writes: 'campaign',
    mutationFn: (input: CreateCampaignRequest) => api.post(`${base(ws)}/campaigns`, input, campaign),
  });
}

export function useUpdateCampaign(ws: string, id: string) {
  return useWorkspaceMutation(ws, {
    writes: 'campaign',
    mutationFn: (input: UpdateCampaignRequest) => api.patch(campaignPath(ws, id), input, campaign),
  });
}

export function useSuggestions(ws: string, id: string, enabled = true) {
  return useQuery({
    enabled,
    queryKey: campaignKeys.suggestions(ws, id),
    queryFn: () => api.get(`${campaignPath(ws, id)}/suggestions`, suggestionList),
  });
}

export function useBrief(ws: string, campaignId: string, briefId: string) {
  return useQuery<BriefDetail>({
    queryKey: campaignKeys.brief(ws, campaignId, briefId),
    queryFn: () => api.get(briefPath(ws, campaignId, briefId), briefDetail),
  });
}

export function useCreatorBriefs(ws: string, creatorId: string) {
  return useQuery({
    queryKey: campaignKeys.creatorBriefs(ws, creatorId),
    queryFn: () => api.get(`${base(ws)}/creators/${creatorId}/briefs`, briefList),
  });
}

/** Brief writes answer the whole brief: it goes straight into the cache, then the rest refetches. */
function useBriefWrite<TInput, TOut extends BriefDetail = BriefDetail>(
  ws: string,
  campaignId: string,
  write: (input: TInput) => Promise<TOut>,
) {
  return useWorkspaceMutation(ws, {
    writes: 'brief',
    mutationFn: write,
    onSuccess: (saved, _input, queryClient) =>
      queryClient.setQueryData(campaignKeys.brief(ws, campaignId, saved.id), saved),
  });
}

export function useCreateBrief(ws: string, campaignId: string) {
  return useBriefWrite(ws, campaignId, (input: CreateBriefRequest) =>
    api.post(`${campaignPath(ws, campaignId)}/briefs`, input, briefDetail),
  );
}

export function useEditBrief(ws: string, campaignId: string, briefId: string) {
  return useBriefWrite(ws, campaignId, (input: EditBriefRequest) =>
    api.patch(briefPath(ws, campaignId, briefId), input, editBriefResult),
  );
}

/** The email "Send to creator" would send (rendered by the server in the creator's language). */
export function useBriefSendPreview(ws: string, campaignId: string, briefId: string, enabled: boolean) {
  return useQuery<MessagePreview>({
    queryKey: [...campaignKeys.brief(ws, campaignId, briefId), 'send-preview'],
    queryFn: () => api.post(`${briefPath(ws, campaignId, briefId)}/send/preview`, {}, messagePreview),
    enabled,
    staleTime: 0,
    gcTime: 0,
  });
}

/** Sends the brief with the (edited) email; the answer says what happened to the email. */
export function useSendBrief(ws: string, campaignId: string, briefId: string) {
  return useWorkspaceMutation(ws, {
    // A brief that left is a touchpoint: the creator, the roster and Today move too.
    writes: ['brief', 'message'],
    mutationFn: (input: { subject: string; body: string }) =>
      api.post<SendBriefResult>(`${briefPath(ws, campaignId, briefId)}/send`, input, sendBriefResult),
    onSuccess: (result, _input, queryClient) =>
      queryClient.setQueryData(campaignKeys.brief(ws, campaignId, briefId), result.brief),
  });
}

export function useAcceptBrief(ws: string, campaignId: string, briefId: string) {
  return useBriefWrite(ws, campaignId, (input: { version: number; name: string }) =>
    api.post(`${briefPath(ws, campaignId, briefId)}/accept`, input, briefDetail),
  );
}

export function useRespondChange(ws: string, campaignId: string, briefId: string) {
  return useBriefWrite(
    ws,
    campaignId,
    (input: { version: number; decision: 'accept' | 'decline'; name?: string; note?: string }) =>
      api.post(`${briefPath(ws, campaignId, briefId)}/change-request`, input, briefDetail),
  );
}

export function useOverlaps(ws: string, from: string, to: string) {
  return useQuery<OverlapCalendar>({
    queryKey: campaignKeys.overlaps(ws, from, to),
    queryFn: () => api.get(`${base(ws)}/calendar/overlaps`, overlapCalendar, { query: { from, to } }),
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[1] === ws ? previous : undefined),
  });
}

/** What each creator of an overlap would be told, to read and edit before sending. */
export function useOverlapNoticePreview(ws: string, overlapKey: string | null) {
  return useQuery<OverlapNoticePreview>({
    queryKey: [...campaignKeys.all(ws), 'notice-preview', overlapKey],
    queryFn: () =>
      api.post(`${base(ws)}/calendar/overlaps/notify/preview`, { overlapKey }, overlapNoticePreview),
    enabled: Boolean(overlapKey),
    staleTime: 0,
    gcTime: 0,
  });
}

export function useNotifyOverlap(ws: string) {
  return useWorkspaceMutation(ws, {
    writes: ['campaign', 'message'],
    mutationFn: (input: {
      overlapKey: string;
      messages: { creatorId: string; subject: string; body: string }[];
    }) => api.post(`${base(ws)}/calendar/overlaps/notify`, input, notifyOverlapResult),
  });
}

/** The overlap window is set on its own, apart from the workspace form. */
export function useSetOverlapWindow(ws: string) {
  return useWorkspaceMutation(ws, {
    writes: 'workspace',
    mutationFn: (overlapWindowDays: number) =>
      api.patch<Workspace>(`/workspaces/${ws}`, { overlapWindowDays }, workspace),
    onSuccess: (updated, _input, queryClient) => queryClient.setQueryData(workspaceKeys.detail(ws), updated),
  });
}
