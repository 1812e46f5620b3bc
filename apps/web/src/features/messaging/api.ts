import {
  type Language,
  type MessagePreview,
  type MessageTemplate,
  type SentMessage,
  messagePreview,
  messageTemplate,
  outboxMessage,
  sentMessage,
} from '@evergreen/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../shared/api/client.ts';
import { rosterKeys } from '../roster/api.ts';
import { workspaceKeys } from '../workspaces/api.ts';

const templateList = messageTemplate.array();

export const messagingKeys = {
  templates: (ws: string) => ['workspaces', ws, 'message-templates'] as const,
  preview: (ws: string, creatorId: string, templateKey: string, language: Language | null) =>
    ['workspaces', ws, 'roster', 'creator', creatorId, 'message-preview', templateKey, language] as const,
};

export function useTemplates(ws: string, enabled = true) {
  return useQuery<MessageTemplate[]>({
    queryKey: messagingKeys.templates(ws),
    queryFn: () => api.get(`/workspaces/${ws}/message-templates`, templateList),
    enabled,
    staleTime: 60_000,
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

export function useSendMessage(ws: string, creatorId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { templateKey: string; language?: Language; idempotencyKey: string }) =>
      api.post<SentMessage>(`/workspaces/${ws}/creators/${creatorId}/messages/send`, input, sentMessage),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: workspaceKeys.outbox(ws) });
    },
  });
}

/** Sent by hand (from the mail app): the server logs the touchpoint, so Today and the roster move. */
export function useMarkSent(ws: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (messageId: string) =>
      api.post(`/workspaces/${ws}/outbox/${messageId}/mark-sent`, undefined, outboxMessage),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: rosterKeys.all(ws) }),
        queryClient.invalidateQueries({ queryKey: rosterKeys.today(ws) }),
        queryClient.invalidateQueries({ queryKey: workspaceKeys.outbox(ws) }),
      ]);
    },
  });
}
