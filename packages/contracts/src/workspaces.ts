import { z } from 'zod';
import { currencyCode, email, isoDateTime, language, marketCode, role, teamRole, uuid } from './common.ts';
import { ianaTimeZone } from './time-zone.ts';

export const workspace = z.object({
  id: uuid,
  slug: z.string(),
  name: z.string(),
  reportingCurrency: z.string(),
  fiscalYearStartMonth: z.number().int(),
  markets: z.array(z.string()),
  defaultLanguage: language,
  /** Same product and market this many days apart or closer counts as overlapping activity (0: sharing a day). */
  overlapWindowDays: z.number().int(),
  /** An order counts for a creator's post if it comes within this many days after it (or carries their code). */
  attributionWindowDays: z.number().int(),
  /** A customer who orders again within this many days of their first order repeated. */
  repeatHorizonDays: z.number().int(),
  /** IANA name: times without an offset in imported files are read in it; "today" is its day. */
  timeZone: z.string(),
  createdAt: isoDateTime,
});
export type Workspace = z.infer<typeof workspace>;

export const createWorkspaceRequest = z.object({
  name: z.string().trim().min(1).max(120),
  reportingCurrency: currencyCode.default('USD'),
  fiscalYearStartMonth: z.number().int().min(1).max(12).default(1),
  markets: z.array(marketCode).max(50).default([]),
  defaultLanguage: language.default('en'),
  timeZone: ianaTimeZone.default('UTC'),
});
export type CreateWorkspaceRequest = z.input<typeof createWorkspaceRequest>;

export const updateWorkspaceRequest = z
  .object({
    name: z.string().trim().min(1).max(120),
    reportingCurrency: currencyCode,
    fiscalYearStartMonth: z.number().int().min(1).max(12),
    markets: z.array(marketCode).max(50),
    defaultLanguage: language,
    timeZone: ianaTimeZone,
    /** Days within which two creators' activity for the same product and market counts as overlap. */
    overlapWindowDays: z.number().int().min(0).max(365),
    /** Changing it re-attributes every order of the workspace. */
    attributionWindowDays: z.number().int().min(1).max(365),
    repeatHorizonDays: z.number().int().min(1).max(730),
  })
  .partial();
/** Everything PATCH /workspaces/:id accepts. */
export type WorkspaceSettingsUpdate = z.infer<typeof updateWorkspaceRequest>;
/**
 * The fields the workspace form edits together (the web app sends all of them); the overlap
 * window and the attribution settings are set on their own, so they are not part of this shape.
 */
export type UpdateWorkspaceRequest = Omit<
  WorkspaceSettingsUpdate,
  'overlapWindowDays' | 'attributionWindowDays' | 'repeatHorizonDays'
>;

/** Percent with at most two decimals, as a string so it stays exact ("40", "33.33"). */
export const percent = z
  .string()
  .regex(/^\d{1,3}(\.\d{1,2})?$/, 'must be a percentage like 40 or 33.5')
  .refine((v) => Number(v) <= 100, 'must be at most 100');

export const tierPolicy = z.object({
  tier: z.number().int().min(1).max(3),
  name: z.string().trim().min(1).max(60),
  targetMin: z.number().int().min(0).max(10000).nullable(),
  targetMax: z.number().int().min(0).max(10000).nullable(),
  /** Days between check-ins; null means no regular cadence (case by case). */
  cadenceDays: z.number().int().min(1).max(3650).nullable(),
  budgetSharePct: percent,
});
export type TierPolicy = z.infer<typeof tierPolicy>;

export const updateTiersRequest = z.object({ tiers: z.array(tierPolicy).length(3) });
export type UpdateTiersRequest = z.infer<typeof updateTiersRequest>;

export const member = z.object({
  userId: uuid,
  email: z.string(),
  name: z.string(),
  role,
  joinedAt: isoDateTime,
});
export type Member = z.infer<typeof member>;
export const changeRoleRequest = z.object({ role: teamRole });

/** `cancelled`: no longer worth sending (e.g. the invitation was revoked or accepted first). */
export const outboxStatuses = ['queued', 'sending', 'sent', 'failed', 'cancelled'] as const;

export const invitationStatus = z.enum(['pending', 'accepted', 'revoked', 'expired']);
export const invitation = z.object({
  id: uuid,
  email: z.string(),
  role,
  status: invitationStatus,
  invitedBy: z.string().nullable(),
  createdAt: isoDateTime,
  expiresAt: isoDateTime,
  /** Outbox state of the invitation email. */
  emailStatus: z.enum(outboxStatuses).nullable(),
});
export type Invitation = z.infer<typeof invitation>;
export const createInvitationRequest = z.object({ email, role: teamRole });
export type CreateInvitationRequestInput = z.infer<typeof createInvitationRequest>;
/** The link is returned once, at creation, so an owner can pass it on without email. */
export const createdInvitation = z.object({ invitation, acceptUrl: z.string() });

export const invitationPreview = z.object({
  workspaceName: z.string(),
  email: z.string(),
  role,
  invitedBy: z.string().nullable(),
  hasAccount: z.boolean(),
});
export type InvitationPreview = z.infer<typeof invitationPreview>;

export const apiToken = z.object({
  id: uuid,
  name: z.string(),
  role,
  tokenPrefix: z.string(),
  createdAt: isoDateTime,
  lastUsedAt: isoDateTime.nullable(),
  revokedAt: isoDateTime.nullable(),
});
export type ApiToken = z.infer<typeof apiToken>;
export const createTokenRequest = z.object({
  name: z.string().trim().min(1).max(80),
  role: z.enum(['manager', 'analyst']).default('analyst'),
});
/** The secret is shown once. */
export const createdToken = z.object({ token: apiToken, secret: z.string() });

export const outboxMessage = z.object({
  id: uuid,
  kind: z.string(),
  toAddress: z.string(),
  subject: z.string(),
  status: z.enum(outboxStatuses),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: isoDateTime,
  sentAt: isoDateTime.nullable(),
  nextAttemptAt: isoDateTime,
});
export type OutboxMessage = z.infer<typeof outboxMessage>;
export const outboxList = z.object({ smtpConfigured: z.boolean(), messages: z.array(outboxMessage) });
export type OutboxList = z.infer<typeof outboxList>;

export const auditEntry = z.object({
  id: z.number().int(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  actor: z.string().nullable(),
  changes: z.record(z.string(), z.unknown()).nullable(),
  at: isoDateTime,
});
export type AuditEntry = z.infer<typeof auditEntry>;
export const auditQuery = z.object({
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const auditPage = z.object({ entries: z.array(auditEntry), nextBefore: z.number().int().nullable() });
