import {
  type CalendarFeedStatus,
  type CreatedCalendarFeed,
  type CreateTemplateRequest,
  type CreatorMessages,
  calendarFeedStatus,
  createdCalendarFeed,
  creatorMessages,
  type Language,
  type MessagePreview,
  type MessageTemplate,
  messagePreview,
  messageTemplate,
  ok,
  outboxMessage,
  type SentMessage,
  sentMessage,
  type UpdateTemplateRequest,
} from '@evergreen/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../shared/api/client.ts';
import { areaKey, useWorkspaceMutation } from '../../shared/api/invalidation.ts';

const templateList = messageTemplate.array();

export const messagingKeys = {
  templates: (ws: string) => areaKey(ws, 'message-templates'),
  preview: (ws: string, creatorId: string, templateKey: string, language: Language | null) =>
    ['workspaces', ws, 'roster', 'creator', creatorId, 'message-preview', templateKey, language] as const,
  draftPreview: (ws: string, creatorId: string, language: Language, subject: string, body: string) =>
    ['workspaces', ws, 'roster', 'creator', creatorId, 'draft-preview', language, subject, body] as const,
  /** Under the creator's key, so any roster write (mark sent, a touchpoint) refetches it. */
  creatorMessages: (ws: string, creatorId: string) =>
    ['workspaces', ws, 'roster', 'creator', creatorId, 'messages'] as const,
  calendarFeed: (ws: string) => areaKey(ws, 'calendar-feed'),
};

export function useTemplates(ws: string, enabled = true) {
  return useQuery<MessageTemplate[]>({
    queryKey: messagingKeys.templates(ws),
    queryFn: () => api.get(`/workspaces/${ws}/message-templates`, templateList),
    enabled,
    staleTime: 60_000,
  });
}

export function useCreateTemplate(ws: string) {
  return useWorkspaceMutation(ws, {
    writes: 'template',
    mutationFn: (input: CreateTemplateRequest) =>
      api.post<MessageTemplate>(`/workspaces/${ws}/message-templates`, input, messageTemplate),
  });
}

export function useUpdateTemplate(ws: string) {
  return useWorkspaceMutation(ws, {
    writes: 'template',
    mutationFn: ({ id, input }: { id: string; input: UpdateTemplateRequest }) =>
      api.patch<MessageTemplate>(`/workspaces/${ws}/message-templates/${id}`, input, messageTemplate),
  });
}

/** Deletes the workspace's own template; for a built-in key the default text comes back. */
export function useDeleteTemplate(ws: string) {
  return useWorkspaceMutation(ws, {
    writes: 'template',
    mutationFn: (id: string) => api.delete(`/workspaces/${ws}/message-templates/${id}`, ok),
  });
}

/** The message as the creator would get it: rendered by the server in their language. */
export function useMessagePreview(
  ws: string,
  creatorId: string,
  templateKey: string | null,
  language: Language | null,
) {
  return useQuery<MessagePreview>({
    queryKey: messagingKeys.preview(ws, creatorId, templateKey ?? '', language),
    queryFn: () =>
      api.post(
        `/workspaces/${ws}/creators/${creatorId}/messages/preview`,
        { templateKey, ...(language ? { language } : {}) },
        messagePreview,
      ),
    enabled: Boolean(templateKey),
  });
}

/** An unsaved subject and body rendered for one creator (the template editor's preview). */
export function useDraftPreview(
  ws: string,
  creatorId: string | null,
  language: Language,
  draft: { subject: string; body: string },
) {
  const subject = draft.subject.trim();
  const body = draft.body.trim();
  return useQuery<MessagePreview>({
    queryKey: messagingKeys.draftPreview(ws, creatorId ?? '', language, subject, body),
    queryFn: () =>
      api.post(
        `/workspaces/${ws}/creators/${creatorId}/messages/preview`,
        { subject, body, language },
        messagePreview,
      ),
    enabled: Boolean(creatorId && subject && body),
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export function useSendMessage(ws: string, creatorId: string) {
  return useWorkspaceMutation(ws, {
    writes: 'message',
    mutationFn: (input: {
      templateKey: string;
      subject?: string;
      body?: string;
      language?: Language;
      idempotencyKey: string;
    }) => api.post<SentMessage>(`/workspaces/${ws}/creators/${creatorId}/messages/send`, input, sentMessage),
  });
}

/** Sent by hand (from the mail app): the server logs the touchpoint, so Today and the roster move. */
export function useMarkSent(ws: string) {
  return useWorkspaceMutation(ws, {
    writes: 'message',
    mutationFn: (messageId: string) =>
      api.post(`/workspaces/${ws}/outbox/${messageId}/mark-sent`, undefined, outboxMessage),
  });
}

/** What was sent, queued or failed to one creator, newest first. */
export function useCreatorMessages(ws: string, creatorId: string) {
  return useQuery<CreatorMessages>({
    queryKey: messagingKeys.creatorMessages(ws, creatorId),
    queryFn: () => api.get(`/workspaces/${ws}/creators/${creatorId}/messages`, creatorMessages),
  });
}

export function useCalendarFeed(ws: string) {
  return useQuery<CalendarFeedStatus>({
    queryKey: messagingKeys.calendarFeed(ws),
    queryFn: () => api.get(`/workspaces/${ws}/calendar-feed`, calendarFeedStatus),
  });
}

/** Creates the feed, or rotates its secret URL (the old one stops working). The URL is in the answer only. */
export function useRotateCalendarFeed(ws: string) {
  return useWorkspaceMutation(ws, {
    writes: 'calendarFeed',
    mutationFn: () =>
      api.post<CreatedCalendarFeed>(`/workspaces/${ws}/calendar-feed`, undefined, createdCalendarFeed),
    onSuccess: (created, _input, queryClient) =>
      queryClient.setQueryData<CalendarFeedStatus>(messagingKeys.calendarFeed(ws), {
        exists: true,
        createdAt: created.createdAt,
        rotatedAt: created.rotatedAt,
      }),
  });
}

export function useDeleteCalendarFeed(ws: string) {
  return useWorkspaceMutation(ws, {
    writes: 'calendarFeed',
    mutationFn: () => api.delete(`/workspaces/${ws}/calendar-feed`, ok),
    onSuccess: (_ok, _input, queryClient) =>
      queryClient.setQueryData<CalendarFeedStatus>(messagingKeys.calendarFeed(ws), {
        exists: false,
        createdAt: null,
        rotatedAt: null,
      }),
  });
}
