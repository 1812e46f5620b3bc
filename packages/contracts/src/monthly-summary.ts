import { z } from 'zod';
import { isoDateTime, language } from './common.ts';

/** The longest personal line a manager can add to a creator's monthly summary. */
export const MONTHLY_NOTE_MAX = 500;

/** What happened to one month's summary, read back from the outbox (docs/portal.md, "Monthly summaries"). */
export const monthlySummaryState = z.object({
  /** The month summarised, YYYY-MM. */
  month: z.string(),
  /** sent: the SMTP server took it; queued: waiting (see nextAttemptAt, lastError); failed: gave up; not_sent: see reason. */
  status: z.enum(['sent', 'queued', 'sending', 'failed', 'cancelled', 'not_sent']),
  /** opted_out: switched off by the team; creator_opted_out: the creator said no in the portal. */
  reason: z.enum(['opted_out', 'creator_opted_out', 'no_email']).nullable(),
  sentAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
  nextAttemptAt: isoDateTime.nullable(),
  lastError: z.string().nullable(),
  to: z.string().nullable(),
});
export type MonthlySummaryState = z.infer<typeof monthlySummaryState>;

/** A creator's monthly summary as a manager sees it on the creator's page. */
export const monthlySummaryView = z.object({
  enabled: z.boolean(),
  /** The creator opted out in the portal (their own choice; the manager cannot switch it back on). */
  creatorOptedOut: z.boolean(),
  /** The personal line that goes into the next summary. */
  note: z.string().nullable(),
  /** The month the next summary covers (YYYY-MM) and the day it goes (the 1st after it). */
  nextMonth: z.string(),
  nextSendOn: z.string(),
  /** Why the next summary would not go, as things stand; null when it would. */
  nextBlockedBy: z.enum(['opted_out', 'creator_opted_out', 'no_email', 'not_active']).nullable(),
  /** The next summary with the figures so far, as the creator would read it. */
  preview: z.object({ language, to: z.string().nullable(), subject: z.string(), text: z.string() }),
  /** The latest summaries, newest first. */
  history: z.array(monthlySummaryState),
});
export type MonthlySummaryView = z.infer<typeof monthlySummaryView>;

export const monthlySummaryUpdate = z
  .object({
    enabled: z.boolean().optional(),
    note: z.string().trim().max(MONTHLY_NOTE_MAX).nullable().optional(),
  })
  .strict();
export type MonthlySummaryUpdate = z.infer<typeof monthlySummaryUpdate>;

/** The creator's own monthly summary setting, in the portal. */
export const portalMonthlySummary = z.object({
  /** The creator wants the summary (their choice; default yes). */
  optedIn: z.boolean(),
  /** The brand has switched the creator's summaries off (the creator cannot switch that back on). */
  switchedOffByTeam: z.boolean(),
  /** Whether the next summary goes, both switches together (and an email address). */
  willSend: z.boolean(),
});
export type PortalMonthlySummary = z.infer<typeof portalMonthlySummary>;

export const portalMonthlySummaryUpdate = z.object({ optedIn: z.boolean() }).strict();
export type PortalMonthlySummaryUpdate = z.infer<typeof portalMonthlySummaryUpdate>;
