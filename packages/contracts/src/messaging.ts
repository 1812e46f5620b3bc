import { z } from 'zod';
import { isoDateTime, language, uuid } from './common.ts';
import { touchpointKind } from './roster.ts';
import { outboxMessage } from './workspaces.ts';

/**
 * Built-in templates that belong to one action (an overlap notice, a brief, an agreement): they
 * are sent from there, filled with its facts, and not offered for a plain message.
 */
export const actionTemplateKeys = ['overlap_notice', 'brief_sent', 'agreement_sent'] as const;

/** A template key: lower-case letters, digits and underscores, e.g. check_in. */
export const templateKey = z
  .string()
  .regex(/^[a-z][a-z0-9_]{1,39}$/, 'must be 2–40 lower-case letters, digits or underscores, e.g. check_in');

export const templateVariantInput = z.object({
  language,
  subject: z.string().trim().min(1).max(300),
  body: z.string().trim().min(1).max(20000),
});
export type TemplateVariantInput = z.infer<typeof templateVariantInput>;

export const templateVariant = templateVariantInput.extend({
  /** default: the built-in text; workspace: the workspace's own. */
  source: z.enum(['default', 'workspace']),
});

export const messageTemplate = z.object({
  /** The workspace's template row; null for a built-in default nobody changed. */
  id: uuid.nullable(),
  key: z.string(),
  name: z.string(),
  /** The touchpoint a send is logged as, unless the sender picks another. */
  kind: touchpointKind,
  /** A default ships with Evergreen for this key (deleting the workspace's own brings it back). */
  builtIn: z.boolean(),
  variants: z.array(templateVariant),
  updatedAt: isoDateTime.nullable(),
});
export type MessageTemplate = z.infer<typeof messageTemplate>;

const uniqueLanguages = (vs: { language: string }[]) => new Set(vs.map((v) => v.language)).size === vs.length;
const variants = z
  .array(templateVariantInput)
  .min(1)
  .max(2)
  .refine(uniqueLanguages, 'has one variant per language');

export const createTemplateRequest = z.object({
  key: templateKey,
  name: z.string().trim().min(1).max(120),
  /** Default: the built-in template's kind for a built-in key, else check_in. */
  kind: touchpointKind.optional(),
  variants,
});
export type CreateTemplateRequest = z.input<typeof createTemplateRequest>;
export const updateTemplateRequest = z
  .object({ name: z.string().trim().min(1).max(120), kind: touchpointKind, variants })
  .partial();
export type UpdateTemplateRequest = z.infer<typeof updateTemplateRequest>;

/** A template by key, or a subject and body written for this one message (with merge fields). */
const messageSource = {
  templateKey: templateKey.optional(),
  subject: z.string().trim().min(1).max(300).optional(),
  body: z.string().trim().min(1).max(20000).optional(),
  /** Use this language's variant instead of choosing by the creator's languages. */
  language: language.optional(),
};
/**
 * A template, or a subject and body, or both: a template with the text the manager edited (the
 * template still names the message and its touchpoint kind). Subject and body go together.
 */
const oneSource = (v: {
  templateKey?: string | undefined;
  subject?: string | undefined;
  body?: string | undefined;
}) =>
  (v.subject === undefined) === (v.body === undefined) &&
  (v.templateKey !== undefined || v.subject !== undefined);
const oneSourceMessage = {
  message: 'give templateKey, or subject and body, or both (the edited text of a template)',
  path: ['templateKey'],
};

export const previewMessageRequest = z.object(messageSource).refine(oneSource, oneSourceMessage);
export type PreviewMessageRequest = z.infer<typeof previewMessageRequest>;

export const messagePreview = z.object({
  /** The creator's email; null when they have none (sending then answers 409). */
  to: z.string().nullable(),
  language,
  templateKey: z.string().nullable(),
  kind: touchpointKind,
  subject: z.string(),
  text: z.string(),
  html: z.string(),
  /** Merge fields used outside a section whose value is empty for this creator. */
  missingFields: z.array(z.string()),
});
export type MessagePreview = z.infer<typeof messagePreview>;

export const sendMessageRequest = z
  .object({
    ...messageSource,
    /** The touchpoint logged once the email is accepted; default: the template's. */
    kind: touchpointKind.optional(),
    /** Sending twice with one key queues one message (a retried request never sends twice). */
    idempotencyKey: z.string().trim().min(1).max(200).optional(),
  })
  .refine(oneSource, oneSourceMessage);
export type SendMessageRequest = z.infer<typeof sendMessageRequest>;

/** An email to a creator, as the outbox holds it. */
export const creatorMessage = outboxMessage.extend({
  creatorId: uuid,
  templateKey: z.string().nullable(),
  language: language.nullable(),
  touchpointKind,
  sentBy: z.string().nullable(),
  bodyText: z.string(),
  /** Opens the message in the person's own mail app (for when Evergreen cannot send). */
  mailto: z.string(),
});
export type CreatorMessage = z.infer<typeof creatorMessage>;

/**
 * What really happened to one message, read back from the outbox after the send attempt:
 * - sent: the SMTP server accepted it (or it had been marked sent by hand);
 * - queued: it waits, and `reason` says why: `smtp_not_configured` (nothing leaves until SMTP_URL
 *   is set: send it by hand and mark it sent), `will_retry` (the SMTP server refused it; it is
 *   tried again at `nextAttemptAt`; `lastError` says what the server answered) or `pending`
 *   (the delivery attempt is still under way);
 * - failed: given up after every attempt (`lastError`); retry from the outbox or send by hand;
 * - by_hand: the creator has no email address: nothing was queued, copy the text and send it
 *   another way (`reason: no_email`).
 */
export const messageOutcome = z.object({
  creatorId: uuid,
  creatorName: z.string(),
  to: z.string().nullable(),
  status: z.enum(['sent', 'queued', 'failed', 'by_hand']),
  reason: z.enum(['smtp_not_configured', 'will_retry', 'pending', 'no_email']).nullable(),
  messageId: uuid.nullable(),
  subject: z.string(),
  text: z.string(),
  /** Opens the message in the person's own mail app; null without an address. */
  mailto: z.string().nullable(),
  lastError: z.string().nullable(),
  nextAttemptAt: isoDateTime.nullable(),
  /** True when an earlier request (same idempotency key) had queued this message. */
  deduplicated: z.boolean(),
  /**
   * A brief, change request or agreement: whether the email carries a sign-in link that opens it
   * in the creator portal (`included`), or not because the creator is not invited (`not_invited`).
   * Null for other messages.
   */
  portalLink: z.enum(['included', 'not_invited']).nullable(),
});
export type MessageOutcome = z.infer<typeof messageOutcome>;

export const sentMessage = z.object({
  /** What happened to it, read back after the send attempt. */
  outcome: messageOutcome,
  message: creatorMessage,
  /** False: nothing leaves until SMTP_URL is set; send it yourself (mailto) and mark it sent. */
  smtpConfigured: z.boolean(),
  mailto: z.string(),
  /** True when this idempotency key had already queued the message. */
  deduplicated: z.boolean(),
});
export type SentMessage = z.infer<typeof sentMessage>;

export const creatorMessages = z.object({ smtpConfigured: z.boolean(), messages: z.array(creatorMessage) });
export type CreatorMessages = z.infer<typeof creatorMessages>;

export const calendarFeedStatus = z.object({
  exists: z.boolean(),
  createdAt: isoDateTime.nullable(),
  rotatedAt: isoDateTime.nullable(),
});
export type CalendarFeedStatus = z.infer<typeof calendarFeedStatus>;
/** The URL holds the secret: it is shown once, when created or rotated. */
export const createdCalendarFeed = z.object({
  url: z.string(),
  createdAt: isoDateTime,
  rotatedAt: isoDateTime.nullable(),
});
export type CreatedCalendarFeed = z.infer<typeof createdCalendarFeed>;
