import type { Language, PortalAccessStatus, PortalMe } from '@evergreen/contracts';
import type { Db } from '@evergreen/db';
import { recordAudit } from '../audit/index.ts';
import { countSignInAttempt } from '../auth/index.ts';
import { enqueueEmail, portalLinkEmail } from '../mail/index.ts';
import { chooseLanguage } from '../messaging/index.ts';
import { getCreatorRow } from '../roster/index.ts';
import { requireRole } from '../shared/access.ts';
import {
  type ActorCtx,
  type Clock,
  type Ctx,
  creatorAsActor,
  iso,
  type PortalActor,
} from '../shared/context.ts';
import type { DocumentLinks } from '../shared/document-links.ts';
import { AppError, invalid, notFound } from '../shared/errors.ts';
import { randomToken, sha256 } from '../shared/secrets.ts';
import * as q from './queries.ts';

/** How long the link in the invitation email works. */
export const PORTAL_INVITE_TTL_MS = 7 * 86_400_000;
/** How long a link asked for on the sign-in page works. */
export const PORTAL_LINK_TTL_MS = 30 * 60_000;
/** How long a portal session lasts. */
export const PORTAL_SESSION_TTL_MS = 14 * 86_400_000;
/** Link requests: 1 a minute per email from one address, 5 a minute per email or per address. */
export const PORTAL_LINK_RATE_LIMIT = 1;

const languageOf = (creatorLanguages: readonly string[], workspaceLanguage: string): Language =>
  chooseLanguage(creatorLanguages, ['en', 'ru'], workspaceLanguage);

const statusOf = (a: q.AccessRow | undefined): PortalAccessStatus => ({
  status: !a ? 'none' : a.revokedAt ? 'revoked' : 'active',
  email: a?.email ?? null,
  invitedAt: iso(a?.createdAt),
  lastSignInAt: iso(a?.lastSignInAt),
  revokedAt: iso(a?.revokedAt),
});

/** A creator's portal access, for their profile. */
export async function getPortalAccess(
  { db, actor }: ActorCtx,
  creatorId: string,
): Promise<PortalAccessStatus> {
  requireRole(actor, 'analyst');
  await getCreatorRow(db, actor.workspaceId, creatorId);
  return statusOf(await q.latestAccess(db, actor.workspaceId, creatorId));
}

/** Creates a single-use link for an access and queues its email; returns the outbox message id. */
async function queueLink(
  db: Db,
  access: q.AccessRow,
  who: {
    creatorName: string;
    languages: readonly string[];
    workspaceName: string;
    workspaceLanguage: string;
  },
  opts: { inviterName: string | null; ttlMs: number; publicUrl: string; now: Date },
): Promise<string | null> {
  const token = randomToken();
  const expiresAt = new Date(opts.now.getTime() + opts.ttlMs);
  await q.insertLink(db, access.id, sha256(token), opts.now, expiresAt);
  const signInUrl = `${opts.publicUrl.replace(/\/$/, '')}/portal/sign-in/${token}`;
  const mail = portalLinkEmail({
    lang: languageOf(who.languages, who.workspaceLanguage),
    workspaceName: who.workspaceName,
    creatorName: who.creatorName,
    inviterName: opts.inviterName,
    signInUrl,
    expiresAt,
  });
  return enqueueEmail(
    db,
    {
      workspaceId: access.workspaceId,
      kind: 'portal_link',
      dedupeKey: `portal_link:${access.id}:${sha256(token).slice(0, 16)}`,
      to: access.email,
      ...mail,
    },
    opts.now,
  );
}

/**
 * A manager invites a creator to the portal (the creator needs an email); the invitation email
 * carries a sign-in link valid for 7 days. Inviting someone already invited sends a fresh link.
 */
export async function invitePortal(
  ctx: ActorCtx,
  creatorId: string,
  deps: { publicUrl: string },
): Promise<{ access: PortalAccessStatus; messageId: string | null }> {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'manager');
  const c = await getCreatorRow(db, actor.workspaceId, creatorId);
  if (!c.email) throw invalid('email', 'the creator needs an email address to be invited', 'required');
  const email = c.email.trim().toLowerCase();
  const now = clock.now();
  const who = await q.portalIdentity(db, actor.workspaceId, creatorId);
  const inviterName = (await q.userName(db, actor.userId)) ?? who!.workspaceName;
  return db.transaction(async (tx) => {
    let access = await q.latestAccess(tx, actor.workspaceId, creatorId);
    if (!access || access.revokedAt) {
      access =
        (await q.insertAccess(tx, {
          workspaceId: actor.workspaceId,
          creatorId,
          email,
          invitedBy: actor.userId,
          now,
        })) ??
        // Another invite made it meanwhile: use that one.
        (await q.latestAccess(tx, actor.workspaceId, creatorId))!;
    } else if (access.email !== email) {
      await q.updateAccessEmail(tx, access.id, email);
      access = { ...access, email };
    }
    const messageId = await queueLink(
      tx,
      access,
      {
        creatorName: who!.creatorName,
        languages: who!.creatorLanguages,
        workspaceName: who!.workspaceName,
        workspaceLanguage: who!.workspaceLanguage,
      },
      { inviterName, ttlMs: PORTAL_INVITE_TTL_MS, publicUrl: deps.publicUrl, now },
    );
    await recordAudit(
      tx,
      actor,
      {
        action: 'portal.invited',
        entityType: 'portal_access',
        entityId: access.id,
        changes: { creatorId, email },
      },
      now,
    );
    return { access: statusOf(access), messageId };
  });
}

/** A manager ends a creator's portal access: their sessions end and their links stop working. */
export async function revokePortal(ctx: ActorCtx, creatorId: string): Promise<PortalAccessStatus> {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'manager');
  await getCreatorRow(db, actor.workspaceId, creatorId);
  const now = clock.now();
  await db.transaction(async (tx) => {
    const row = await q.revokeLiveAccess(tx, actor.workspaceId, creatorId, actor.userId, now);
    if (row)
      await recordAudit(
        tx,
        actor,
        { action: 'portal.revoked', entityType: 'portal_access', entityId: row.id, changes: { creatorId } },
        now,
      );
  });
  return statusOf(await q.latestAccess(db, actor.workspaceId, creatorId));
}

/**
 * A new sign-in link for every live access with this email (one email per brand). Counted
 * before anything else; the same answer whether or not the address is known.
 */
export async function requestPortalLink(
  { db, clock }: Ctx,
  input: { email: string; ip: string },
  deps: { publicUrl: string },
): Promise<string[]> {
  const email = input.email.trim().toLowerCase();
  await countSignInAttempt(
    { db, clock },
    { ip: `portal:${input.ip}`, email: `portal:${email}`, limit: PORTAL_LINK_RATE_LIMIT },
  );
  const now = clock.now();
  const rows = await q.liveAccessesByEmail(db, email);
  const ids: string[] = [];
  await db.transaction(async (tx) => {
    for (const r of rows) {
      const id = await queueLink(
        tx,
        r.access,
        {
          creatorName: r.creatorName,
          languages: r.creatorLanguages,
          workspaceName: r.workspaceName,
          workspaceLanguage: r.workspaceLanguage,
        },
        { inviterName: null, ttlMs: PORTAL_LINK_TTL_MS, publicUrl: deps.publicUrl, now },
      );
      if (id) ids.push(id);
      await recordAudit(
        tx,
        creatorAsActor(r.access),
        {
          action: 'portal.link_requested',
          entityType: 'portal_access',
          entityId: r.access.id,
          changes: { byCreator: r.access.creatorId, ip: input.ip },
        },
        now,
      );
    }
  });
  return ids;
}

export interface NewPortalSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  portal: PortalActor;
  /** The portal page the link opens (the brief or agreement it was emailed with), or null. */
  next: string | null;
}

const linkInvalid = () =>
  new AppError('unauthenticated', 'This sign-in link is invalid, expired or already used; ask for a new one');

/** Spends a link (single use) and opens a portal session for its creator-workspace. */
export async function signInPortal(
  { db, clock }: Ctx,
  input: { token: string; ip: string | null },
): Promise<NewPortalSession> {
  const now = clock.now();
  return db.transaction(async (tx) => {
    const claimed = await q.claimLink(tx, sha256(input.token), now);
    if (!claimed) throw linkInvalid();
    const { access, target } = claimed;
    const token = randomToken();
    const csrfToken = randomToken();
    const expiresAt = new Date(now.getTime() + PORTAL_SESSION_TTL_MS);
    await q.insertSession(tx, {
      id: sha256(token),
      accessId: access.id,
      csrfToken,
      ip: input.ip,
      now,
      expiresAt,
    });
    await q.touchSignIn(tx, access.id, now);
    await recordAudit(
      tx,
      creatorAsActor(access),
      {
        action: 'portal.signed_in',
        entityType: 'portal_access',
        entityId: access.id,
        changes: { byCreator: access.creatorId, ip: input.ip },
      },
      now,
    );
    return {
      token,
      csrfToken,
      expiresAt,
      portal: { accessId: access.id, workspaceId: access.workspaceId, creatorId: access.creatorId },
      next: target,
    };
  });
}

/** How long a link emailed with a brief, a change request or an agreement works: as an invitation's. */
export const PORTAL_DOCUMENT_LINK_TTL_MS = PORTAL_INVITE_TTL_MS;

/**
 * Links that sign the creator in and open one brief or agreement (single use, 7 days), for the
 * emails that send them. Only for a creator with live access: sending a document never invites
 * anyone, and a revoked creator gets no link (docs/portal.md).
 */
export const portalDocumentLinks = (publicUrl: string): DocumentLinks => ({
  async issue(db, p, now) {
    const access = await q.latestAccess(db, p.workspaceId, p.creatorId);
    if (!access || access.revokedAt) return null;
    const token = randomToken();
    await q.insertLink(
      db,
      access.id,
      sha256(token),
      now,
      new Date(now.getTime() + PORTAL_DOCUMENT_LINK_TTL_MS),
      p.target,
    );
    return `${publicUrl.replace(/\/$/, '')}/portal/sign-in/${token}`;
  },
});

/** The creator-workspace a portal session cookie carries, or nothing. */
export async function resolvePortalSession(
  db: Db,
  clock: Clock,
  token: string,
): Promise<(PortalActor & { csrfToken: string }) | undefined> {
  return q.findSession(db, sha256(token), clock.now());
}

export async function signOutPortal(db: Db, token: string): Promise<void> {
  await q.deleteSession(db, sha256(token));
}

export async function getPortalMe({ db }: Ctx, p: PortalActor, csrfToken: string): Promise<PortalMe> {
  const who = await q.portalIdentity(db, p.workspaceId, p.creatorId);
  if (!who) throw notFound('Creator');
  return {
    creator: { id: p.creatorId, name: who.creatorName },
    workspace: { id: p.workspaceId, name: who.workspaceName },
    language: languageOf(who.creatorLanguages, who.workspaceLanguage),
    csrfToken,
  };
}
