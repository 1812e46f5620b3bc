import {
  calendarFeedStatus,
  createdCalendarFeed,
  createTemplateRequest,
  creatorMessages,
  idParams,
  messagePreview,
  messageTemplate,
  ok,
  outboxMessage,
  previewMessageRequest,
  sendMessageRequest,
  sentMessage,
  updateTemplateRequest,
  uuid,
} from '@evergreen/contracts';
import {
  AppError,
  calendarFeedText,
  createTemplate,
  deleteCalendarFeed,
  deleteTemplate,
  getCalendarFeed,
  listCreatorMessages,
  listTemplates,
  markMessageSent,
  previewMessage,
  rotateCalendarFeed,
  sendMessage,
  updateTemplate,
} from '@evergreen/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../deps.ts';
import { actorContext } from '../context.ts';

/**
 * Message templates, emails to creators and the calendar feed. Registered inside the workspace
 * scope (see routes/workspaces); the feed itself is public (calendarRoutes, below).
 */
export const messagingRoutes: FastifyPluginAsyncZod<AppDeps> = async (r, deps) => {
  const ctx = actorContext(deps);
  const P = '/workspaces/:workspaceId';
  const creatorParams = idParams.extend({ creatorId: uuid });
  const templateParams = idParams.extend({ templateId: uuid });
  const tags = ['messages'];
  // Reading your own check-ins is reading: analysts may have a feed too.
  const analyst = { minRole: 'analyst' as const };

  r.get(
    `${P}/message-templates`,
    {
      schema: {
        tags,
        summary: 'Message templates: the built-in defaults merged with the workspace’s own',
        params: idParams,
        response: { 200: z.array(messageTemplate) },
      },
    },
    (req) => listTemplates(ctx(req)),
  );
  r.post(
    `${P}/message-templates`,
    {
      schema: {
        tags,
        summary: 'Add a template, or override a built-in one by its key (per language)',
        params: idParams,
        body: createTemplateRequest,
        response: { 200: messageTemplate },
      },
    },
    (req) => createTemplate(ctx(req), req.body),
  );
  r.patch(
    `${P}/message-templates/:templateId`,
    {
      schema: {
        tags,
        summary: 'Change a workspace template (variants replace its own languages)',
        params: templateParams,
        body: updateTemplateRequest,
        response: { 200: messageTemplate },
      },
    },
    (req) => updateTemplate(ctx(req), req.params.templateId, req.body),
  );
  r.delete(
    `${P}/message-templates/:templateId`,
    {
      schema: {
        tags,
        summary: 'Delete a workspace template (a built-in key falls back to its default)',
        params: templateParams,
        response: { 200: ok },
      },
    },
    async (req) => {
      await deleteTemplate(ctx(req), req.params.templateId);
      return { ok: true as const };
    },
  );

  r.post(
    `${P}/creators/:creatorId/messages/preview`,
    {
      schema: {
        tags,
        summary: 'Render a template (or a subject and body) for a creator, in their language',
        params: creatorParams,
        body: previewMessageRequest,
        response: { 200: messagePreview },
      },
    },
    (req) => previewMessage(ctx(req), req.params.creatorId, req.body),
  );
  r.post(
    `${P}/creators/:creatorId/messages/send`,
    {
      schema: {
        tags,
        summary:
          'Email a creator: queued, sent at once when SMTP is configured, answered with what really happened; a touchpoint once it left',
        params: creatorParams,
        body: sendMessageRequest,
        response: { 200: sentMessage },
      },
    },
    (req) => sendMessage(ctx(req), req.params.creatorId, req.body, { mailer: deps.mailer }),
  );
  r.get(
    `${P}/creators/:creatorId/messages`,
    {
      schema: {
        tags,
        summary: "A creator's emails: queued, sent and failed",
        params: creatorParams,
        response: { 200: creatorMessages },
      },
    },
    (req) => listCreatorMessages(ctx(req), req.params.creatorId, deps.mailer.configured),
  );
  r.post(
    `${P}/outbox/:messageId/mark-sent`,
    {
      schema: {
        tags: ['email'],
        summary:
          'Record that a queued or failed email was sent by hand (e.g. via mailto); a creator message becomes a touchpoint',
        params: idParams.extend({ messageId: uuid }),
        response: { 200: outboxMessage },
      },
    },
    (req) => markMessageSent(ctx(req), req.params.messageId),
  );

  r.get(
    `${P}/calendar-feed`,
    {
      config: analyst,
      schema: {
        tags: ['calendar'],
        summary: 'Whether you have a calendar feed of your check-ins in this workspace',
        params: idParams,
        response: { 200: calendarFeedStatus },
      },
    },
    (req) => getCalendarFeed(ctx(req)),
  );
  r.post(
    `${P}/calendar-feed`,
    {
      config: analyst,
      schema: {
        tags: ['calendar'],
        summary:
          'Create your calendar feed, or rotate its secret URL (shown once; the old one stops working)',
        params: idParams,
        response: { 200: createdCalendarFeed },
      },
    },
    (req) => rotateCalendarFeed(ctx(req), { publicUrl: deps.publicUrl }),
  );
  r.delete(
    `${P}/calendar-feed`,
    {
      config: analyst,
      schema: {
        tags: ['calendar'],
        summary: 'Turn your calendar feed off',
        params: idParams,
        response: { 200: ok },
      },
    },
    async (req) => {
      await deleteCalendarFeed(ctx(req));
      return { ok: true as const };
    },
  );
};

/** The iCalendar feed itself: public, because calendar apps send no cookie; the secret URL is the key. */
export const calendarRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/calendar/:token.ics',
    {
      config: { public: true },
      schema: {
        tags: ['calendar'],
        summary: 'Your check-ins as an iCalendar feed (subscribe to this URL in a calendar app)',
        security: [],
        produces: ['text/calendar'],
        params: z.object({ token: z.string().min(20).max(200) }),
        response: { 200: z.string().describe('An iCalendar (RFC 5545) document') },
      },
    },
    async (req, reply) => {
      const text = await calendarFeedText({ db: deps.db, clock: deps.clock }, req.params.token, {
        publicUrl: deps.publicUrl,
      });
      if (text == null) throw new AppError('not_found', 'Calendar feed not found (it may have been rotated)');
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', 'inline; filename="evergreen-check-ins.ics"')
        .header('cache-control', 'private, max-age=300')
        .send(text);
    },
  );
};
