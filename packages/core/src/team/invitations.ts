import type {
  CreateInvitationRequestInput,
  Invitation,
  InvitationPreview,
  Language,
  WorkspaceSummary,
} from '@evergreen/contracts';
import type { Db } from '@evergreen/db';
import { recordAudit } from '../audit/index.ts';
import { cancelQueuedEmails, enqueueEmail, invitationEmail } from '../mail/index.ts';
import { requireRole } from '../shared/access.ts';
import { type ActorCtx, type Ctx, isoRequired } from '../shared/context.ts';
import { AppError, forbidden } from '../shared/errors.ts';
import { randomToken, sha256 } from '../shared/secrets.ts';
import {
  accountByEmail,
  claimInvitation,
  findOpenInvitation,
  getOwnInvitation,
  type InvitationRow,
  insertInvitation,
  insertMembership,
  invitationEmails,
  invitationRows,
  membershipRoleOf,
  membersWithEmail,
  renewInvitation,
  revokeInvitationRow,
  revokePendingFor,
  userName,
  userRow,
  workspaceName,
  workspaceRow,
} from './queries.ts';

export const INVITATION_TTL_DAYS = 14;
type Row = InvitationRow;

export { findOpenInvitation };

const statusOf = (r: Row, now: Date): Invitation['status'] =>
  r.acceptedAt ? 'accepted' : r.revokedAt ? 'revoked' : r.expiresAt <= now ? 'expired' : 'pending';

export async function listInvitations({ db, clock, actor }: ActorCtx): Promise<Invitation[]> {
  requireRole(actor, 'owner');
  const rows = await invitationRows(db, actor.workspaceId);
  const mail = await invitationEmails(db, actor.workspaceId);
  const latestMail = new Map<string, Invitation['emailStatus']>();
  for (const m of mail) latestMail.set(m.key.split(':')[1]!, m.status);
  const now = clock.now();
  return rows.map(({ inv, inviter }) => toInvitation(inv, inviter, latestMail.get(inv.id) ?? null, now));
}

const toInvitation = (
  inv: Row,
  inviter: string | null,
  emailStatus: Invitation['emailStatus'],
  now: Date,
): Invitation => ({
  id: inv.id,
  email: inv.email,
  role: inv.role,
  status: statusOf(inv, now),
  invitedBy: inviter,
  createdAt: isoRequired(inv.createdAt),
  expiresAt: isoRequired(inv.expiresAt),
  emailStatus,
});

interface InviteDeps {
  publicUrl: string;
}

async function queueInvitationEmail(
  db: Db,
  actor: ActorCtx['actor'],
  inv: Row,
  token: string,
  publicUrl: string,
  now: Date,
): Promise<string> {
  const w = await workspaceRow(db, actor.workspaceId);
  const inviter = actor.userId ? await userRow(db, actor.userId) : undefined;
  const acceptUrl = `${publicUrl.replace(/\/$/, '')}/invite/${token}`;
  const mail = invitationEmail({
    lang: (w?.defaultLanguage === 'ru' ? 'ru' : 'en') as Language,
    workspaceName: w?.name ?? '',
    inviterName: inviter?.name ?? 'Evergreen',
    role: inv.role,
    acceptUrl,
    expiresAt: inv.expiresAt,
  });
  await enqueueEmail(
    db,
    {
      workspaceId: actor.workspaceId,
      kind: 'invitation',
      dedupeKey: `invitation:${inv.id}:${sha256(token).slice(0, 12)}`,
      to: inv.email,
      ...mail,
      createdBy: actor.userId,
    },
    now,
  );
  return acceptUrl;
}

/** Invites someone by email; the email goes to the outbox (sent at once when SMTP is configured). */
export async function inviteMember(
  { db, clock, actor }: ActorCtx,
  input: CreateInvitationRequestInput,
  deps: InviteDeps,
): Promise<{ invitation: Invitation; acceptUrl: string }> {
  requireRole(actor, 'owner');
  const now = clock.now();
  const email = input.email.trim().toLowerCase();
  const existing = await membersWithEmail(db, actor.workspaceId, email);
  if (existing.length) {
    throw new AppError('conflict', `${email} is already a member`, [
      { field: 'email', message: 'is already a member', code: 'already_member' },
    ]);
  }
  return db.transaction(async (tx) => {
    // A new invitation replaces a pending one for the same address.
    const replaced = await revokePendingFor(tx, actor.workspaceId, email, now);
    for (const r of replaced) await cancelQueuedEmails(tx, actor.workspaceId, `invitation:${r.id}:`);
    const token = randomToken();
    const inv = await insertInvitation(tx, {
      workspaceId: actor.workspaceId,
      email,
      role: input.role,
      tokenHash: sha256(token),
      invitedBy: actor.userId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + INVITATION_TTL_DAYS * 86_400_000),
    });
    const acceptUrl = await queueInvitationEmail(tx, actor, inv!, token, deps.publicUrl, now);
    await recordAudit(
      tx,
      actor,
      {
        action: 'invitation.created',
        entityType: 'invitation',
        entityId: inv!.id,
        changes: { email, role: input.role },
      },
      now,
    );
    const inviter = actor.userId ? await userName(tx, actor.userId) : undefined;
    return { invitation: toInvitation(inv!, inviter?.name ?? null, 'queued', now), acceptUrl };
  });
}

export async function revokeInvitation({ db, clock, actor }: ActorCtx, id: string): Promise<void> {
  requireRole(actor, 'owner');
  const inv = await getOwnInvitation(db, actor.workspaceId, id);
  if (inv.acceptedAt) throw new AppError('conflict', 'This invitation was already accepted');
  const now = clock.now();
  await db.transaction(async (tx) => {
    await revokeInvitationRow(tx, actor.workspaceId, id, now);
    await cancelQueuedEmails(tx, actor.workspaceId, `invitation:${id}:`);
    await recordAudit(
      tx,
      actor,
      { action: 'invitation.revoked', entityType: 'invitation', entityId: id, changes: { email: inv.email } },
      now,
    );
  });
}

/** A fresh link (the old one stops working) and a new email. */
export async function resendInvitation(
  { db, clock, actor }: ActorCtx,
  id: string,
  deps: InviteDeps,
): Promise<Invitation> {
  requireRole(actor, 'owner');
  const inv = await getOwnInvitation(db, actor.workspaceId, id);
  if (inv.acceptedAt || inv.revokedAt)
    throw new AppError('conflict', 'Only a pending or expired invitation can be resent');
  const now = clock.now();
  const token = randomToken();
  return db.transaction(async (tx) => {
    const updated = await renewInvitation(
      tx,
      actor.workspaceId,
      id,
      sha256(token),
      new Date(now.getTime() + INVITATION_TTL_DAYS * 86_400_000),
    );
    await cancelQueuedEmails(tx, actor.workspaceId, `invitation:${id}:`);
    await queueInvitationEmail(tx, actor, updated!, token, deps.publicUrl, now);
    await recordAudit(
      tx,
      actor,
      { action: 'invitation.resent', entityType: 'invitation', entityId: id },
      now,
    );
    return toInvitation(updated!, null, 'queued', now);
  });
}

export async function previewInvitation({ db, clock }: Ctx, token: string): Promise<InvitationPreview> {
  const inv = await findOpenInvitation(db, token, clock.now());
  if (!inv)
    throw new AppError('invitation_invalid', 'This invitation link is invalid, expired or already used');
  const w = await workspaceName(db, inv.workspaceId);
  const inviter = inv.invitedBy ? await userName(db, inv.invitedBy) : undefined;
  const account = await accountByEmail(db, inv.email);
  return {
    workspaceName: w?.name ?? '',
    email: inv.email,
    role: inv.role,
    invitedBy: inviter?.name ?? null,
    hasAccount: !!account,
  };
}

/** The signed-in user joins the workspace. The invitation must be addressed to their email. */
export async function acceptInvitation(
  { db, clock }: Ctx,
  user: { id: string; email: string },
  token: string,
): Promise<WorkspaceSummary> {
  const now = clock.now();
  const inv = await findOpenInvitation(db, token, now);
  if (!inv)
    throw new AppError('invitation_invalid', 'This invitation link is invalid, expired or already used');
  if (inv.email.toLowerCase() !== user.email.toLowerCase()) {
    throw forbidden(`This invitation is for ${inv.email}; sign in with that address to accept it`);
  }
  return db.transaction(async (tx) => {
    const claimed = await claimInvitation(tx, inv.id, user.id, now);
    if (!claimed) throw new AppError('invitation_invalid', 'This invitation was already used');
    await cancelQueuedEmails(tx, inv.workspaceId, `invitation:${inv.id}:`);
    await insertMembership(tx, {
      workspaceId: inv.workspaceId,
      userId: user.id,
      role: inv.role,
      createdAt: now,
    });
    const actor = { workspaceId: inv.workspaceId, role: inv.role, userId: user.id, tokenId: null };
    await recordAudit(
      tx,
      actor,
      {
        action: 'invitation.accepted',
        entityType: 'invitation',
        entityId: inv.id,
        changes: { email: inv.email, role: inv.role },
      },
      now,
    );
    const w = await workspaceRow(tx, inv.workspaceId);
    const m = await membershipRoleOf(tx, inv.workspaceId, user.id);
    return { id: w!.id, slug: w!.slug, name: w!.name, role: m!.role };
  });
}
