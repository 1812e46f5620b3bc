import { randomUUID } from 'node:crypto';
import type {
  CreatorMessage,
  CreatorMessages,
  Language,
  MessageOutcome,
  MessagePreview,
  OutboxMessage,
  PreviewMessageRequest,
  SendMessageRequest,
  SentMessage,
  TouchpointKind,
} from '@evergreen/contracts';
import { languages, previewMessageRequest, sendMessageRequest } from '@evergreen/contracts';
import type { outboxMessages } from '@evergreen/db';
import { toDay } from '@evergreen/rules';
import { recordAudit } from '../audit/index.ts';
import type { Mailer } from '../mail/index.ts';
import {
  CREATOR_MESSAGE,
  deliverNow,
  enqueueEmail,
  recordCreatorMessageSent,
  toOutboxMessage,
} from '../mail/index.ts';
import { getCreatorRow } from '../roster/index.ts';
import { requireRole } from '../shared/access.ts';
import { type ActorCtx, isoRequired } from '../shared/context.ts';
import { AppError, invalid, notFound } from '../shared/errors.ts';
import { creatorActivity } from './facts.ts';
import {
  creatorMessagesWithSender,
  markOutboxSent,
  messageWithSender,
  nameOf,
  outboxByDedupeKey,
  outboxById,
  outboxRow,
  outboxRows,
  workspaceRow,
} from './queries.ts';
import {
  chooseLanguage,
  type MergeFacts,
  mailtoUrl,
  mergeValues,
  type RenderedMessage,
  renderMessage,
  textToHtml,
} from './render.ts';
import { resolveTemplate, templateIssues } from './templates.ts';

type MessageInput = Pick<PreviewMessageRequest, 'templateKey' | 'subject' | 'body' | 'language'>;

export interface Composed extends RenderedMessage {
  to: string | null;
  creatorName: string;
  language: Language;
  templateKey: string | null;
  kind: TouchpointKind;
}

/**
 * The message for one creator: the template's variant in the creator's language, or the subject
 * and body given (with a template too: the manager's edit of its text, which keeps the template's
 * key and touchpoint kind), filled with their merge fields.
 */
export async function compose(
  { db, clock, actor }: ActorCtx,
  creatorId: string,
  input: MessageInput,
  extra: Pick<MergeFacts, 'overlap' | 'brief' | 'agreement'> = {},
  /** The touchpoint kind when no template says otherwise. */
  defaultKind: TouchpointKind = 'check_in',
): Promise<Composed> {
  const c = await getCreatorRow(db, actor.workspaceId, creatorId);
  const w = await workspaceRow(db, actor.workspaceId);
  let source: { subject: string; body: string } | null = null;
  let language: Language;
  let kind: TouchpointKind = defaultKind;
  if (input.templateKey) {
    const t = await resolveTemplate(db, actor.workspaceId, input.templateKey);
    if (!t) throw invalid('templateKey', `there is no template ${input.templateKey}`, 'unknown_template');
    const available = languages.filter((l) => t.variants[l]);
    if (input.language && !t.variants[input.language] && input.subject === undefined)
      throw invalid('language', `the template has no ${input.language} variant`, 'no_variant');
    language = input.language ?? chooseLanguage(c.languages, available, w!.defaultLanguage);
    source = t.variants[language] ?? null;
    kind = t.kind;
  } else language = input.language ?? chooseLanguage(c.languages, languages, w!.defaultLanguage);
  if (input.subject !== undefined && input.body !== undefined) {
    const issues = templateIssues([
      { field: 'subject', text: input.subject },
      { field: 'body', text: input.body },
    ]);
    if (issues.length)
      throw new AppError(
        'validation_failed',
        issues.map((i) => `${i.field}: ${i.message}`).join('; '),
        issues,
      );
    source = { subject: input.subject, body: input.body };
  }
  const owner = await nameOf(db, c.ownerUserId);
  const sender = await nameOf(db, actor.userId);
  const facts: MergeFacts = {
    creator: { displayName: c.displayName, legalName: c.legalName, greetingName: c.greetingName },
    owner,
    sender,
    workspace: { name: w!.name },
    ...(await creatorActivity(db, actor.workspaceId, creatorId, toDay(clock.now()))),
    ...extra,
  };
  return {
    ...renderMessage(source!, mergeValues(facts, language)),
    to: c.email,
    creatorName: c.displayName,
    language,
    templateKey: input.templateKey ?? null,
    kind,
  };
}

export const toPreview = (m: Composed): MessagePreview => ({
  to: m.to,
  language: m.language,
  templateKey: m.templateKey,
  kind: m.kind,
  subject: m.subject,
  text: m.text,
  html: m.html,
  missingFields: m.missing,
});

/** What would be sent to this creator, with the fields that came out empty. */
export async function previewMessage(
  ctx: ActorCtx,
  creatorId: string,
  input: PreviewMessageRequest,
): Promise<MessagePreview> {
  requireRole(ctx.actor, 'manager');
  return toPreview(await compose(ctx, creatorId, previewMessageRequest.parse(input)));
}

type OutboxRow = typeof outboxMessages.$inferSelect;

const toCreatorMessage = (m: OutboxRow, sentBy: string | null): CreatorMessage => ({
  ...toOutboxMessage(m),
  creatorId: m.meta!.creatorId!,
  templateKey: m.meta?.templateKey ?? null,
  language: (languages as readonly string[]).includes(m.meta?.language ?? '')
    ? (m.meta!.language as Language)
    : null,
  touchpointKind: (m.meta?.touchpointKind ?? 'other') as TouchpointKind,
  sentBy,
  bodyText: hidePortalLinks(m.bodyText),
  mailto: mailtoUrl(m.toAddress, m.subject, hidePortalLinks(m.bodyText)),
});

/** One message queued (or not: no address) for a creator, before anyone tried to send it. */
export interface QueuedMessage {
  creatorId: string;
  composed: Composed;
  /** The outbox message; null when the creator has no email address. */
  messageId: string | null;
  deduplicated: boolean;
  /** Set for a brief, change request or agreement: whether the email carries a portal link. */
  portalLink?: 'included' | 'not_invited' | null;
}

/**
 * The team never sees a creator's sign-in link (with it they could sign in as the creator): in
 * every message body shown to them, and in its mailto, the link's token is hidden.
 */
export const hidePortalLinks = (text: string) =>
  text.replace(/\/portal\/sign-in\/[A-Za-z0-9_-]+/g, '/portal/sign-in/[link-hidden]');

/** The lines that end a document's email when it carries a link to the creator portal. */
export function portalLinkLines(lang: Language, url: string): { text: string; html: string } {
  const t =
    lang === 'ru'
      ? {
          intro:
            'Откройте это в кабинете автора — там можно принять или отклонить, а вся история сохраняется:',
          note: 'Ссылка сразу входит в кабинет; она одноразовая и действует 7 дней. Новую ссылку можно запросить на странице входа.',
          button: 'Открыть в кабинете автора',
        }
      : {
          intro: 'Open it in your creator portal, where you can accept or decline it and keep every version:',
          note: 'The link signs you in; it works once, for 7 days. You can ask for a new one on the sign-in page.',
          button: 'Open in the creator portal',
        };
  const esc = (v: string) =>
    v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return {
    // No line starting with "--": it would read like a MIME boundary to naive mail parsers.
    text: `\n\n${t.intro}\n${url}\n\n${t.note}`,
    html: `<hr><p>${esc(t.intro)}</p><p><a href="${esc(url)}">${esc(t.button)}</a></p><p>${esc(t.note)}</p>`,
  };
}

/**
 * Queues an email to a creator in the outbox (of kind creator_message: logged as a touchpoint
 * once it has left). Without an email address nothing is queued (`messageId: null`): the caller
 * reports it as "send by hand". Runs on `ctx.db`, so a caller may queue inside its transaction.
 */
export async function queueCreatorMessage(
  ctx: ActorCtx,
  creatorId: string,
  data: SendMessageRequest,
  extra: Pick<MergeFacts, 'overlap' | 'brief' | 'agreement'> = {},
  defaultKind: TouchpointKind = 'check_in',
  /**
   * A document's email: makes a sign-in link that opens it in the creator portal (null when the
   * creator is not invited) and ends the email with it. Called only when there is an address.
   */
  portalLink?: () => Promise<string | null>,
): Promise<QueuedMessage> {
  const composed = await compose(ctx, creatorId, data, extra, defaultKind);
  return enqueueComposed(ctx, creatorId, composed, data, portalLink);
}

/**
 * A notice to a creator written in code, not from a template (a change to their brief): in their
 * language, queued like any creator message, a touchpoint of `kind` once it has left.
 */
export async function queueCreatorNotice(
  ctx: ActorCtx,
  creatorId: string,
  write: (lang: Language) => { subject: string; text: string },
  opts: { kind: TouchpointKind; idempotencyKey: string },
  portalLink?: () => Promise<string | null>,
): Promise<QueuedMessage> {
  const c = await getCreatorRow(ctx.db, ctx.actor.workspaceId, creatorId);
  const w = await workspaceRow(ctx.db, ctx.actor.workspaceId);
  const language = chooseLanguage(c.languages, languages, w!.defaultLanguage);
  const { subject, text } = write(language);
  const composed: Composed = {
    subject,
    text,
    html: textToHtml(text),
    missing: [],
    to: c.email,
    creatorName: c.displayName,
    language,
    templateKey: null,
    kind: opts.kind,
  };
  return enqueueComposed(ctx, creatorId, composed, opts, portalLink);
}

async function enqueueComposed(
  ctx: ActorCtx,
  creatorId: string,
  composed: Composed,
  data: { idempotencyKey?: string; kind?: TouchpointKind },
  portalLink: (() => Promise<string | null>) | undefined,
): Promise<QueuedMessage> {
  const { db, clock, actor } = ctx;
  const none = portalLink ? ('not_invited' as const) : null;
  if (!composed.to) return { creatorId, composed, messageId: null, deduplicated: false, portalLink: none };
  const url = portalLink ? await portalLink() : null;
  const lines = url ? portalLinkLines(composed.language, url) : null;
  const m: Composed = lines
    ? { ...composed, text: composed.text + lines.text, html: composed.html + lines.html }
    : composed;
  const link = url ? ('included' as const) : none;
  const sender = await nameOf(db, actor.userId);
  const dedupeKey = `${CREATOR_MESSAGE}:${data.idempotencyKey ?? randomUUID()}`;
  const id = await enqueueEmail(
    db,
    {
      workspaceId: actor.workspaceId,
      kind: CREATOR_MESSAGE,
      dedupeKey,
      to: composed.to,
      subject: m.subject,
      text: m.text,
      html: m.html,
      createdBy: actor.userId,
      meta: {
        creatorId,
        touchpointKind: data.kind ?? m.kind,
        templateKey: m.templateKey,
        language: m.language,
        replyTo: sender?.email ?? null,
      },
    },
    clock.now(),
  );
  if (id) return { creatorId, composed: m, messageId: id, deduplicated: false, portalLink: link };
  const existing = await outboxByDedupeKey(db, actor.workspaceId, dedupeKey);
  if (!existing || existing.kind !== CREATOR_MESSAGE || existing.meta?.creatorId !== creatorId)
    throw invalid('idempotencyKey', 'was already used for another message', 'reused');
  return { creatorId, composed: m, messageId: existing.id, deduplicated: true, portalLink: link };
}

/** How a message's outbox row reads to the person who sent it. */
export function outcomeOf(
  q: QueuedMessage,
  row: OutboxRow | undefined,
  smtpConfigured: boolean,
): MessageOutcome {
  const base = {
    creatorId: q.creatorId,
    creatorName: q.composed.creatorName,
    to: q.composed.to,
    messageId: q.messageId,
    deduplicated: q.deduplicated,
    portalLink: q.portalLink ?? null,
  };
  if (!row || !q.messageId)
    return {
      ...base,
      status: 'by_hand',
      reason: 'no_email',
      subject: q.composed.subject,
      text: q.composed.text,
      mailto: null,
      lastError: null,
      nextAttemptAt: null,
    };
  const waiting = row.status === 'queued' || row.status === 'sending';
  return {
    ...base,
    // What is in the outbox, not what was composed: a deduplicated request gets the first text.
    subject: row.subject,
    text: hidePortalLinks(row.bodyText),
    mailto: mailtoUrl(row.toAddress, row.subject, hidePortalLinks(row.bodyText)),
    status: row.status === 'sent' ? 'sent' : waiting ? 'queued' : 'failed',
    reason: !waiting
      ? null
      : !smtpConfigured
        ? 'smtp_not_configured'
        : row.status === 'queued' && row.lastError
          ? 'will_retry'
          : 'pending',
    lastError: row.status === 'sent' ? null : row.lastError,
    nextAttemptAt: row.status === 'queued' ? isoRequired(row.nextAttemptAt) : null,
  };
}

/**
 * Tries to send what was just queued (when SMTP is configured) and reads each message back
 * from the outbox: the answer says what really happened, not what was hoped.
 */
export async function deliverAndReport(
  { db, clock, actor }: ActorCtx,
  queued: QueuedMessage[],
  mailer: Mailer,
): Promise<MessageOutcome[]> {
  const fresh = queued.filter((q) => q.messageId && !q.deduplicated).map((q) => q.messageId!);
  await deliverNow({ db, clock, mailer }, fresh);
  const ids = queued.flatMap((q) => (q.messageId ? [q.messageId] : []));
  const rows = ids.length ? await outboxRows(db, actor.workspaceId, ids) : [];
  return queued.map((q) =>
    outcomeOf(
      q,
      rows.find((r) => r.id === q.messageId),
      mailer.configured,
    ),
  );
}

/**
 * Emails a creator: queued in the outbox, sent at once when SMTP is configured, and answered
 * with what really happened (sent, or queued and why). It is logged as a touchpoint only once it
 * has left: when the SMTP server accepts it (in the transaction that marks it sent), or when
 * someone marks it sent by hand (no SMTP: they sent it from their own mail app via mailto).
 */
export async function sendMessage(
  ctx: ActorCtx,
  creatorId: string,
  input: SendMessageRequest,
  deps: { mailer: Mailer },
): Promise<SentMessage> {
  const { db, actor } = ctx;
  requireRole(actor, 'manager');
  const data = sendMessageRequest.parse(input);
  const q = await queueCreatorMessage(ctx, creatorId, data);
  if (!q.messageId)
    throw new AppError('conflict', 'email: this creator has no email address; add one first', [
      { field: 'email', message: 'is missing', code: 'no_email' },
    ]);
  const [outcome] = await deliverAndReport(ctx, [q], deps.mailer);
  const row = await messageWithSender(db, actor.workspaceId, q.messageId);
  const message = toCreatorMessage(row!.m, row!.sentBy);
  return {
    outcome: outcome!,
    message,
    smtpConfigured: deps.mailer.configured,
    mailto: message.mailto,
    deduplicated: q.deduplicated,
  };
}

/** A creator's emails, newest first (queued, sent, failed), for everyone who can see the creator. */
export async function listCreatorMessages(
  { db, actor }: ActorCtx,
  creatorId: string,
  smtpConfigured: boolean,
): Promise<CreatorMessages> {
  requireRole(actor, 'analyst');
  await getCreatorRow(db, actor.workspaceId, creatorId);
  const rows = await creatorMessagesWithSender(db, actor.workspaceId, creatorId);
  return { smtpConfigured, messages: rows.map((r) => toCreatorMessage(r.m, r.sentBy)) };
}

/**
 * Records that a queued (or failed) email was sent outside Evergreen, e.g. through the mailto
 * link when SMTP is not configured. A creator message gets its touchpoint, once: a second call
 * answers 409. Managers may do this for creator messages; other emails are the owner's.
 */
export async function markMessageSent({ db, clock, actor }: ActorCtx, id: string): Promise<OutboxMessage> {
  requireRole(actor, 'manager');
  const m = await outboxRow(db, actor.workspaceId, id);
  if (!m) throw notFound('Message');
  if (m.kind !== CREATOR_MESSAGE) requireRole(actor, 'owner');
  const now = clock.now();
  await db.transaction(async (tx) => {
    // Conditional, so a scheduler that claimed it a moment ago (sending) or a second click loses.
    const row = await markOutboxSent(tx, actor.workspaceId, id, now);
    if (!row) throw new AppError('conflict', `A ${m.status} message cannot be marked as sent`);
    await recordCreatorMessageSent(tx, row, now, actor.userId ?? row.createdBy);
    await recordAudit(
      tx,
      actor,
      { action: 'outbox.marked_sent', entityType: 'outbox_message', entityId: id, changes: { kind: m.kind } },
      now,
    );
  });
  const after = await outboxById(db, id);
  return toOutboxMessage(after!);
}
