import {
  type CreatorIssue,
  type CreatorRatings,
  type CreatorScore,
  creatorIssue,
  creatorIssueList,
  creatorRatings,
  creatorScore,
  decideSuggestionResult,
  type Insight,
  insight,
  insightList,
  type RatingCriterion,
  type SelectionSettings,
  type SelectionSuggestionKind,
  selectionSettings,
} from '@evergreen/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../shared/api/client.ts';
import { useWorkspaceMutation } from '../../shared/api/invalidation.ts';

/** Selection queries live in the roster area: every write that moves a score (posts, orders, audience, tiers) refreshes them. */
const keys = {
  creator: (ws: string, id: string) => ['workspaces', ws, 'roster', 'creator', id, 'selection'] as const,
  insights: (ws: string, q: InsightQuery) => ['workspaces', ws, 'roster', 'insights', q] as const,
  settings: (ws: string) => ['workspaces', ws, 'roster', 'selection-settings'] as const,
};
const creatorPath = (ws: string, id: string) => `/workspaces/${ws}/creators/${id}`;

export interface InsightQuery {
  market?: string;
  product?: string;
  creatorId?: string;
}

export function useCreatorScore(ws: string, id: string) {
  return useQuery<CreatorScore>({
    queryKey: [...keys.creator(ws, id), 'score'],
    queryFn: () => api.get(`${creatorPath(ws, id)}/score`, creatorScore),
  });
}

export function useCreatorRatings(ws: string, id: string) {
  return useQuery<CreatorRatings>({
    queryKey: [...keys.creator(ws, id), 'ratings'],
    queryFn: () => api.get(`${creatorPath(ws, id)}/ratings`, creatorRatings),
  });
}

export function useCreatorIssues(ws: string, id: string) {
  return useQuery<CreatorIssue[]>({
    queryKey: [...keys.creator(ws, id), 'issues'],
    queryFn: async () => (await api.get(`${creatorPath(ws, id)}/issues`, creatorIssueList)).issues,
  });
}

export function useInsights(ws: string, q: InsightQuery) {
  return useQuery<Insight[]>({
    queryKey: keys.insights(ws, q),
    queryFn: async () =>
      (await api.get(`/workspaces/${ws}/insights`, insightList, { query: { ...q } })).insights,
  });
}

export function useSelectionSettings(ws: string) {
  return useQuery<SelectionSettings>({
    queryKey: keys.settings(ws),
    queryFn: () => api.get(`/workspaces/${ws}/selection/settings`, selectionSettings),
  });
}

export interface RatingInput {
  criterion: RatingCriterion;
  score: number;
  note?: string | null;
}

export function useRateCreator(ws: string, id: string) {
  return useWorkspaceMutation(ws, {
    writes: 'selection',
    mutationFn: (ratings: RatingInput[]) =>
      api.post(`${creatorPath(ws, id)}/ratings`, { ratings }, creatorRatings),
  });
}

export function useSetOverride(ws: string, id: string) {
  return useWorkspaceMutation(ws, {
    writes: 'selection',
    mutationFn: (input: { score: number; reason: string } | null) =>
      input
        ? api.put(`${creatorPath(ws, id)}/score-override`, input, creatorScore)
        : api.delete(`${creatorPath(ws, id)}/score-override`, creatorScore),
  });
}

export function useOpenIssue(ws: string, id: string) {
  return useWorkspaceMutation(ws, {
    writes: 'selection',
    mutationFn: (input: { title: string; severity: CreatorIssue['severity']; ownerUserId?: string | null }) =>
      api.post(`${creatorPath(ws, id)}/issues`, input, creatorIssue),
  });
}

export function useUpdateIssue(ws: string, id: string) {
  return useWorkspaceMutation(ws, {
    writes: 'selection',
    mutationFn: ({
      issueId,
      ...input
    }: {
      issueId: string;
      status?: 'open' | 'resolved';
      resolution?: string;
      escalate?: true;
      ownerUserId?: string | null;
    }) => api.patch(`${creatorPath(ws, id)}/issues/${issueId}`, input, creatorIssue),
  });
}

export function useRecordInsight(ws: string, id: string) {
  return useWorkspaceMutation(ws, {
    writes: 'selection',
    mutationFn: (input: {
      kind: Insight['kind'];
      market?: string | null;
      product?: string | null;
      body: string;
    }) => api.post(`${creatorPath(ws, id)}/insights`, input, insight),
  });
}

/** Show an insight to its creator in the portal ("what the brand learned"), or stop. */
export function useShareInsight(ws: string) {
  return useWorkspaceMutation(ws, {
    writes: 'selection',
    mutationFn: ({ id, sharedWithCreator }: { id: string; sharedWithCreator: boolean }) =>
      api.patch(`/workspaces/${ws}/insights/${id}`, { sharedWithCreator }, insight),
  });
}

export function useUpdateSelectionSettings(ws: string) {
  return useWorkspaceMutation(ws, {
    writes: 'selection',
    mutationFn: (input: SelectionSettings) =>
      api.put(`/workspaces/${ws}/selection/settings`, input, selectionSettings),
  });
}

/** Accept changes a tier or a status: every view of the creator refreshes. */
export function useDecideSuggestion(ws: string) {
  return useWorkspaceMutation(ws, {
    writes: ['selection', 'creator'],
    mutationFn: ({
      kind,
      creatorId,
      decision,
    }: {
      kind: SelectionSuggestionKind;
      creatorId: string;
      decision: 'accept' | 'dismiss';
    }) =>
      api.post(
        `/workspaces/${ws}/selection/suggestions/${kind}/${creatorId}/${decision}`,
        undefined,
        decideSuggestionResult,
      ),
  });
}
