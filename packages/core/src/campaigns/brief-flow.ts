import type {
  AcceptBriefRequest,
  Brief,
  BriefDetail,
  BriefVersion,
  CreateBriefRequest,
  DeclineBriefRequest,
  DeliverableSpec,
  EditBriefRequest,
  EditBriefResult,
  Language,
  MessagePreview,
  PreviewBriefRequest,
  RespondChangeRequest,
  SendBriefRequest,
  SendBriefResult,
} from '@evergreen/contracts';
import {
  acceptBriefRequest,
  createBriefRequest,
  declineBriefRequest,
  editBriefRequest,
  previewBriefRequest,
  respondChangeRequest,
  sendBriefRequest,
} from '@evergreen/contracts';
import type { Db } from '@evergreen/db';
import { toDay } from '@evergreen/rules';
import { recordAudit } from '../audit/index.ts';
import type { Mailer } from '../mail/index.ts';
import type { MergeFacts } from '../messaging/index.ts';
import {
  compose,
  deliverAndReport,
  queueCreatorMessage,
  queueCreatorNotice,
  toPreview,
} from '../messaging/index.ts';
import { getCreatorRow, recordCreatorEvent } from '../roster/index.ts';
import { requireRole } from '../shared/access.ts';
import {
  type Actor,
  type ActorCtx,
  creatorAsActor,
  iso,
  isoRequired,
  type PortalActor,
  type PortalCtx,
} from '../shared/context.ts';
import { rethrowConflict } from '../shared/db-errors.ts';
import type { DocumentLinks } from '../shared/document-links.ts';
import { AppError, invalid, notFound } from '../shared/errors.ts';
import {
  type BriefAction,
  type BriefContent,
  type BriefState,
  baseVersions,
  diffBrief,
  isEmptyDiff,
  transition,
  urgentWarning,
  versionInForce,
} from './briefs.ts';
import {
  acceptanceRows,
  type BriefRow,
  briefOf,
  decideChangeRequest,
  getCampaignRow,
  insertAcceptance,
  insertBrief,
  insertBriefVersion,
  type Loaded,
  loadBriefs,
  updateBriefIfUnchanged,
  userNames,
  type VersionRow,
} from './queries.ts';

/** The built-in template a brief is emailed with (a workspace may override it). */
export const BRIEF_TEMPLATE = 'brief_sent';

const contentOf = (v: VersionRow): BriefContent => ({
  title: v.title,
  body: v.body,
  deliverables: v.deliverables as DeliverableSpec[],
  dueOn: v.dueOn,
});

/** The version whose due dates matter now: a pending change request, else the one in force. */
const liveVersion = (b: BriefRow) => (b.status === 'change_requested' ? b.currentVersion : versionInForce(b));

function warningsOf(b: BriefRow, v: VersionRow | undefined, leadTimeDays: number | null, today: string) {
  if (!v || b.status === 'done' || b.status === 'cancelled') return [];
  const w = urgentWarning(contentOf(v), leadTimeDays, today);
  return w ? [w] : [];
}

function toBrief(l: Loaded, today: string): Brief {
  const { b } = l;
  const inForce = l.versions.find((v) => v.version === versionInForce(b));
  const live = l.versions.find((v) => v.version === liveVersion(b));
  return {
    id: b.id,
    campaignId: b.campaignId,
    campaignName: l.campaignName,
    creatorId: b.creatorId,
    creatorName: l.creatorName,
    status: b.status,
    currentVersion: b.currentVersion,
    acceptedVersion: b.acceptedVersion,
    pendingChangeVersion: b.status === 'change_requested' ? b.currentVersion : null,
    decline:
      b.status === 'declined' && b.declinedVersion != null
        ? {
            version: b.declinedVersion,
            reason: b.declineReason ?? '',
            at: isoRequired(b.declinedAt ?? b.updatedAt),
          }
        : null,
    title: inForce?.title ?? '',
    dueOn: inForce?.dueOn ?? null,
    warnings: warningsOf(b, live, l.leadTimeDays, today),
    createdAt: isoRequired(b.createdAt),
    updatedAt: isoRequired(b.updatedAt),
  };
}

/** Briefs of one campaign or of one creator. */
export async function listBriefs(
  { db, clock, actor }: ActorCtx,
  by: { campaignId?: string; creatorId?: string },
): Promise<Brief[]> {
  requireRole(actor, 'analyst');
  const today = toDay(clock.now());
  return (await loadBriefs(db, actor.workspaceId, by)).map((l) => toBrief(l, today));
}

/** A campaign's briefs (404 for a campaign of another workspace). */
export async function listCampaignBriefs(ctx: ActorCtx, campaignId: string): Promise<Brief[]> {
  requireRole(ctx.actor, 'analyst');
  await getCampaignRow(ctx.db, ctx.actor.workspaceId, campaignId);
  return listBriefs(ctx, { campaignId });
}

/** A creator's briefs across campaigns (404 for a creator of another workspace). */
export async function listCreatorBriefs(ctx: ActorCtx, creatorId: string): Promise<Brief[]> {
  requireRole(ctx.actor, 'analyst');
  await getCreatorRow(ctx.db, ctx.actor.workspaceId, creatorId);
  return listBriefs(ctx, { creatorId });
}

async function loadOne(db: Db, workspaceId: string, campaignId: string, briefId: string): Promise<Loaded> {
  const [l] = await loadBriefs(db, workspaceId, { id: briefId, campaignId });
  if (!l) throw notFound('Brief');
  return l;
}

/** A brief with every version, each with its diff against its base, and every acceptance. */
export async function getBrief(
  { db, clock, actor }: ActorCtx,
  campaignId: string,
  briefId: string,
): Promise<BriefDetail> {
  requireRole(actor, 'analyst');
  return detailOf(db, clock.now(), await loadOne(db, actor.workspaceId, campaignId, briefId));
}

async function detailOf(db: Db, now: Date, l: Loaded): Promise<BriefDetail> {
  const workspaceId = l.b.workspaceId;
  const briefId = l.b.id;
  const names = new Map<string, string>();
  const userIds = [...new Set(l.versions.map((v) => v.createdBy).filter((x): x is string => !!x))];
  const accs = await acceptanceRows(db, workspaceId, briefId);
  if (userIds.length) {
    const us = await userNames(db, userIds);
    for (const u of us) names.set(u.id, u.name);
  }
  const bases = baseVersions(l.versions);
  const byVersion = new Map(l.versions.map((v) => [v.version, v]));
  const versions: BriefVersion[] = l.versions.map((v) => {
    const baseNo = bases.get(v.version) ?? null;
    const base = baseNo == null ? undefined : byVersion.get(baseNo);
    return {
      version: v.version,
      kind: v.kind,
      title: v.title,
      body: v.body,
      deliverables: v.deliverables as DeliverableSpec[],
      dueOn: v.dueOn,
      changeNote: v.changeNote,
      changeStatus: v.changeStatus,
      decisionNote: v.decisionNote,
      createdByName: v.createdBy ? (names.get(v.createdBy) ?? null) : null,
      createdAt: isoRequired(v.createdAt),
      decidedAt: iso(v.decidedAt),
      baseVersion: baseNo,
      diff: base ? diffBrief(contentOf(base), contentOf(v)) : null,
    };
  });
  return {
    ...toBrief(l, toDay(now)),
    versions,
    acceptances: accs.map(({ a, byName }) => ({
      version: a.version,
      acceptedName: a.acceptedName,
      byUserName: byName,
      onBehalf: a.onBehalf,
      ip: a.ip,
      at: isoRequired(a.at),
    })),
  };
}

/** Assigns a creator to a campaign with a first draft of their brief (one brief per creator per campaign). */
export async function createBrief(
  ctx: ActorCtx,
  campaignId: string,
  input: CreateBriefRequest,
): Promise<BriefDetail> {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'manager');
  const data = createBriefRequest.parse(input);
  const campaign = await getCampaignRow(db, actor.workspaceId, campaignId);
  const creator = await getCreatorRow(db, actor.workspaceId, data.creatorId);
  if (campaign.status === 'cancelled' || campaign.status === 'done')
    throw new AppError('conflict', `This campaign is ${campaign.status}; it takes no new briefs`);
  const taken = await briefOf(db, actor.workspaceId, campaignId, data.creatorId);
  const clash = () =>
    new AppError('conflict', 'creatorId: this creator already has a brief in this campaign', [
      { field: 'creatorId', message: 'already has a brief in this campaign', code: 'taken' },
    ]);
  if (taken) throw clash();
  const now = clock.now();
  const id = await db
    .transaction(async (tx) => {
      const b = await insertBrief(tx, {
        workspaceId: actor.workspaceId,
        campaignId,
        creatorId: creator.id,
        status: 'draft',
        currentVersion: 1,
        createdAt: now,
        updatedAt: now,
      });
      await insertBriefVersion(tx, {
        workspaceId: actor.workspaceId,
        briefId: b!.id,
        version: 1,
        kind: 'edit',
        title: data.title,
        body: data.body,
        deliverables: data.deliverables,
        dueOn: data.dueOn ?? null,
        createdBy: actor.userId,
        createdAt: now,
      });
      await recordCreatorEvent(
        tx,
        actor,
        creator.id,
        'brief_created',
        { briefId: b!.id, campaignId, campaignName: campaign.name, title: data.title, version: 1 },
        now,
      );
      await recordAudit(
        tx,
        actor,
        {
          action: 'brief.created',
          entityType: 'brief',
          entityId: b!.id,
          changes: { campaignId, creatorId: creator.id, title: data.title },
        },
        now,
      );
      return b!.id;
    })
    .catch((e) => {
      if (e instanceof AppError) throw e;
      return rethrowConflict(e, 'This creator already has a brief in this campaign');
    });
  return getBrief(ctx, campaignId, id);
}

/**
 * Moves the brief from the state it was read in, or answers 409 when someone else moved it
 * first (the update only matches the status and version that were read).
 */
async function applyTransition(
  tx: Db,
  workspaceId: string,
  b: BriefRow,
  action: BriefAction,
  now: Date,
  decline?: { reason: string },
) {
  const state: BriefState = {
    status: b.status,
    currentVersion: b.currentVersion,
    acceptedVersion: b.acceptedVersion,
  };
  const t = transition(state, action);
  if (!t.ok) throw new AppError('conflict', t.reason);
  const row = await updateBriefIfUnchanged(tx, workspaceId, b, {
    status: t.status,
    acceptedVersion: t.acceptedVersion,
    currentVersion: t.newVersion?.version ?? b.currentVersion,
    ...(action.type === 'decline'
      ? { declinedVersion: action.version, declineReason: decline?.reason ?? null, declinedAt: now }
      : t.status === 'declined'
        ? {}
        : { declinedVersion: null, declineReason: null, declinedAt: null }),
    updatedAt: now,
  });
  if (!row) throw new AppError('conflict', 'The brief changed meanwhile; reload it and try again');
  return t;
}

/**
 * A change to a brief. Before acceptance it is a new version; after, it is a change request
 * (a new version, pending, with a note) and the accepted version stays in force until the
 * creator accepts it. Fields not given are kept from the version in force.
 */
export async function editBrief(
  ctx: ActorCtx,
  campaignId: string,
  briefId: string,
  input: EditBriefRequest,
  deps: { mailer?: Mailer; links?: DocumentLinks } = {},
): Promise<EditBriefResult> {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'manager');
  const data = editBriefRequest.parse(input);
  const l = await loadOne(db, actor.workspaceId, campaignId, briefId);
  const t = transition(l.b, { type: 'edit' });
  if (!t.ok) throw new AppError('conflict', t.reason);
  const isChangeRequest = t.newVersion!.kind === 'change_request';
  if (isChangeRequest && !data.changeNote)
    throw invalid(
      'changeNote',
      'the creator accepted this brief: say what changes and why; they will be asked to accept it',
      'required',
    );
  const baseRow = l.versions.find((v) => v.version === versionInForce(l.b))!;
  const base = contentOf(baseRow);
  const next: BriefContent = {
    title: data.title ?? base.title,
    body: data.body ?? base.body,
    deliverables: data.deliverables ?? base.deliverables,
    dueOn: data.dueOn !== undefined ? data.dueOn : base.dueOn,
  };
  const changes = diffBrief(base, next);
  if (isEmptyDiff(changes)) throw invalid('title', 'nothing changed from the version in force', 'no_change');
  const now = clock.now();
  const version = t.newVersion!.version;
  const queued = await db.transaction(async (tx) => {
    await applyTransition(tx, actor.workspaceId, l.b, { type: 'edit' }, now);
    await insertBriefVersion(tx, {
      workspaceId: actor.workspaceId,
      briefId,
      version,
      kind: t.newVersion!.kind,
      ...next,
      changeNote: data.changeNote ?? null,
      changeStatus: isChangeRequest ? 'pending' : null,
      createdBy: actor.userId,
      createdAt: now,
    });
    if (isChangeRequest) {
      await recordCreatorEvent(
        tx,
        actor,
        l.b.creatorId,
        'brief_change_requested',
        { briefId, campaignId, campaignName: l.campaignName, version, acceptedVersion: l.b.acceptedVersion },
        now,
        data.changeNote,
      );
      await recordAudit(
        tx,
        actor,
        {
          action: 'brief.change_requested',
          entityType: 'brief',
          entityId: briefId,
          changes: {
            version,
            baseVersion: baseRow.version,
            fields: Object.keys(changes),
            note: data.changeNote,
          },
        },
        now,
      );
      // The creator is told by email, with a link that opens the change in their portal.
      if (deps.mailer)
        return queueCreatorNotice(
          { db: tx, clock, actor },
          l.b.creatorId,
          (lang) =>
            changeRequestEmail(lang, {
              campaignName: l.campaignName,
              title: next.title,
              version,
              note: data.changeNote ?? '',
            }),
          { kind: 'brief', idempotencyKey: `brief:${briefId}:v${version}` },
          portalLinkOf(deps.links, tx, l.b, now),
        );
    }
    return null;
  });
  const [outcome] = queued && deps.mailer ? await deliverAndReport(ctx, [queued], deps.mailer) : [null];
  return { ...(await getBrief(ctx, campaignId, briefId)), outcome: outcome ?? null };
}

/** The email that asks the creator to accept a change to their brief, in their language. */
function changeRequestEmail(
  lang: Language,
  c: { campaignName: string; title: string; version: number; note: string },
): { subject: string; text: string } {
  return lang === 'ru'
    ? {
        subject: `Изменение брифа для «${c.campaignName}»: ${c.title}`,
        text: `Здравствуйте!\n\nМы просим изменить ваш бриф для «${c.campaignName}» (версия ${c.version}). Что меняется и почему:\n\n${c.note}\n\nПринятая вами версия действует, пока вы не ответите: изменение можно принять или отклонить.`,
      }
    : {
        subject: `A change to your brief for ${c.campaignName}: ${c.title}`,
        text: `Hello,\n\nWe would like to change your brief for ${c.campaignName} (version ${c.version}). What changes and why:\n\n${c.note}\n\nThe version you accepted stays in force until you answer: you can accept the change or decline it.`,
      };
}

/** The portal page that shows one brief (opened by the link in its email). */
export const portalBriefPath = (briefId: string) => `/portal/briefs?open=${briefId}`;

/** Makes the link to this brief in the creator portal, when links are given. */
const portalLinkOf = (links: DocumentLinks | undefined, tx: Db, b: BriefRow, now: Date) =>
  links
    ? () =>
        links.issue(
          tx,
          { workspaceId: b.workspaceId, creatorId: b.creatorId, target: portalBriefPath(b.id) },
          now,
        )
    : undefined;

/** The facts a brief email is filled from: the version being sent and its campaign. */
const briefFacts = (l: Loaded, version: number): NonNullable<MergeFacts['brief']> => {
  const v = l.versions.find((x) => x.version === version)!;
  return {
    campaignName: l.campaignName,
    title: v.title,
    body: v.body,
    deliverables: v.deliverables as DeliverableSpec[],
    dueOn: v.dueOn,
  };
};

/** The email "Send to creator" would send: the built-in (or the workspace's) brief template, in their language. */
export async function previewBriefMessage(
  ctx: ActorCtx,
  campaignId: string,
  briefId: string,
  input: PreviewBriefRequest = {},
): Promise<MessagePreview> {
  requireRole(ctx.actor, 'manager');
  const data = previewBriefRequest.parse(input);
  const l = await loadOne(ctx.db, ctx.actor.workspaceId, campaignId, briefId);
  const m = await compose(
    ctx,
    l.b.creatorId,
    { templateKey: BRIEF_TEMPLATE, language: data.language },
    { brief: briefFacts(l, l.b.currentVersion) },
    'brief',
  );
  return toPreview(m);
}

/**
 * Draft → sent: the creator gets the current version by email (the text the manager saw and
 * perhaps edited), through the outbox; once it has left it is a touchpoint of kind `brief`. A
 * creator without an email address: the brief is still sent, and the answer says to send the
 * text by hand. The answer carries what really happened to the email.
 */
export async function sendBrief(
  ctx: ActorCtx,
  campaignId: string,
  briefId: string,
  input: SendBriefRequest | undefined,
  deps: { mailer: Mailer; links?: DocumentLinks },
): Promise<SendBriefResult> {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'manager');
  const data = sendBriefRequest.parse(input ?? {});
  const l = await loadOne(db, actor.workspaceId, campaignId, briefId);
  const now = clock.now();
  const version = l.b.currentVersion;
  const queued = await db.transaction(async (tx) => {
    await applyTransition(tx, actor.workspaceId, l.b, { type: 'send' }, now);
    await recordCreatorEvent(
      tx,
      actor,
      l.b.creatorId,
      'brief_sent',
      { briefId, campaignId, campaignName: l.campaignName, version },
      now,
    );
    return queueCreatorMessage(
      { db: tx, clock, actor },
      l.b.creatorId,
      {
        templateKey: BRIEF_TEMPLATE,
        subject: data.subject,
        body: data.body,
        language: data.language,
        // One email per version sent, whatever retries the request has.
        idempotencyKey: `brief:${briefId}:v${version}`,
      },
      { brief: briefFacts(l, version) },
      'brief',
      portalLinkOf(deps.links, tx, l.b, now),
    );
  });
  const [outcome] = await deliverAndReport(ctx, [queued], deps.mailer);
  return { brief: await getBrief(ctx, campaignId, briefId), outcome: outcome! };
}

async function recordAcceptance(
  tx: Db,
  ctx: { actor: Actor },
  briefId: string,
  version: number,
  name: string,
  ip: string | null,
  now: Date,
) {
  await insertAcceptance(tx, {
    workspaceId: ctx.actor.workspaceId,
    briefId,
    version,
    acceptedName: name,
    acceptedByUserId: ctx.actor.userId,
    // A team member on the creator's behalf, or the creator in the portal.
    onBehalf: ctx.actor.role !== 'creator',
    ip,
    at: now,
  });
}

/** A manager accepts the current version on the creator's behalf, typing the creator's name. */
export async function acceptBrief(
  ctx: ActorCtx,
  campaignId: string,
  briefId: string,
  input: AcceptBriefRequest,
  meta: { ip: string | null },
): Promise<BriefDetail> {
  requireRole(ctx.actor, 'manager');
  const l = await loadOne(ctx.db, ctx.actor.workspaceId, campaignId, briefId);
  await accept(ctx, l, input, meta);
  return getBrief(ctx, campaignId, briefId);
}

async function accept(ctx: ActorCtx, l: Loaded, input: AcceptBriefRequest, meta: { ip: string | null }) {
  const { db, clock, actor } = ctx;
  const data = acceptBriefRequest.parse(input);
  const briefId = l.b.id;
  const campaignId = l.b.campaignId;
  const onBehalf = actor.role !== 'creator';
  const now = clock.now();
  await db.transaction(async (tx) => {
    await applyTransition(tx, actor.workspaceId, l.b, { type: 'accept', version: data.version }, now);
    await recordAcceptance(tx, ctx, briefId, data.version, data.name, meta.ip, now);
    await recordCreatorEvent(
      tx,
      actor,
      l.b.creatorId,
      'brief_accepted',
      {
        briefId,
        campaignId,
        campaignName: l.campaignName,
        version: data.version,
        acceptedName: data.name,
        ...(onBehalf ? {} : { byCreator: true }),
      },
      now,
    );
    await recordAudit(
      tx,
      actor,
      {
        action: 'brief.accepted',
        entityType: 'brief',
        entityId: briefId,
        changes: {
          version: data.version,
          acceptedName: data.name,
          onBehalf,
          ...(onBehalf ? {} : { byCreator: l.b.creatorId }),
        },
      },
      now,
    );
  });
}

/**
 * The creator's answer to a change request: accepted, it becomes the version in force;
 * declined, the previously accepted version stays in force. Either way the history keeps it.
 */
export async function respondToChangeRequest(
  ctx: ActorCtx,
  campaignId: string,
  briefId: string,
  input: RespondChangeRequest,
  meta: { ip: string | null },
): Promise<BriefDetail> {
  requireRole(ctx.actor, 'manager');
  const l = await loadOne(ctx.db, ctx.actor.workspaceId, campaignId, briefId);
  await respond(ctx, l, input, meta);
  return getBrief(ctx, campaignId, briefId);
}

async function respond(ctx: ActorCtx, l: Loaded, input: RespondChangeRequest, meta: { ip: string | null }) {
  const { db, clock, actor } = ctx;
  const data = respondChangeRequest.parse(input);
  const briefId = l.b.id;
  const campaignId = l.b.campaignId;
  const byCreator = actor.role === 'creator' ? { byCreator: l.b.creatorId } : {};
  const now = clock.now();
  const accepted = data.decision === 'accept';
  await db.transaction(async (tx) => {
    await applyTransition(
      tx,
      actor.workspaceId,
      l.b,
      { type: 'respond', version: data.version, decision: data.decision },
      now,
    );
    await decideChangeRequest(tx, actor.workspaceId, briefId, data.version, {
      changeStatus: accepted ? 'accepted' : 'declined',
      decidedAt: now,
      decisionNote: accepted ? null : (data.note ?? null),
    });
    if (accepted) await recordAcceptance(tx, ctx, briefId, data.version, data.name!, meta.ip, now);
    await recordCreatorEvent(
      tx,
      actor,
      l.b.creatorId,
      accepted ? 'brief_change_accepted' : 'brief_change_declined',
      {
        briefId,
        campaignId,
        campaignName: l.campaignName,
        version: data.version,
        inForce: accepted ? data.version : l.b.acceptedVersion,
        ...(actor.role === 'creator' ? { byCreator: true } : {}),
      },
      now,
      data.note ?? null,
    );
    await recordAudit(
      tx,
      actor,
      {
        action: accepted ? 'brief.change_accepted' : 'brief.change_declined',
        entityType: 'brief',
        entityId: briefId,
        changes: {
          version: data.version,
          inForce: accepted ? data.version : l.b.acceptedVersion,
          ...(accepted ? { acceptedName: data.name } : {}),
          ...(data.note ? { note: data.note } : {}),
          ...byCreator,
        },
      },
      now,
    );
  });
}

/**
 * The creator declines a sent brief, saying why: the brief becomes `declined`, the manager sees
 * the reason on the brief and on the creator's timeline, and may revise it (a new draft version)
 * and send it again. Only the creator declines (in the portal).
 */
async function decline(ctx: ActorCtx, l: Loaded, input: DeclineBriefRequest, meta: { ip: string | null }) {
  const { db, clock, actor } = ctx;
  const data = declineBriefRequest.parse(input);
  const briefId = l.b.id;
  const campaignId = l.b.campaignId;
  const now = clock.now();
  await db.transaction(async (tx) => {
    await applyTransition(tx, actor.workspaceId, l.b, { type: 'decline', version: data.version }, now, {
      reason: data.reason,
    });
    await recordCreatorEvent(
      tx,
      actor,
      l.b.creatorId,
      'brief_declined',
      { briefId, campaignId, campaignName: l.campaignName, version: data.version, byCreator: true },
      now,
      data.reason,
    );
    await recordAudit(
      tx,
      actor,
      {
        action: 'brief.declined',
        entityType: 'brief',
        entityId: briefId,
        changes: { version: data.version, reason: data.reason, byCreator: l.b.creatorId, ip: meta.ip },
      },
      now,
    );
  });
}

// ---- The creator's own side (the portal) -------------------------------------------------------

/** What a creator sees: briefs sent to them (never drafts), only their own, only in their workspace. */
const creatorScope = (p: PortalActor) => ({ creatorId: p.creatorId, notDraft: true });

async function loadCreatorBrief(db: Db, p: PortalActor, briefId: string): Promise<Loaded> {
  const [l] = await loadBriefs(db, p.workspaceId, { id: briefId, ...creatorScope(p) });
  if (!l) throw notFound('Brief');
  return l;
}

/** The creator's briefs across campaigns. */
export async function listBriefsAsCreator({ db, clock, portal }: PortalCtx): Promise<Brief[]> {
  const today = toDay(clock.now());
  return (await loadBriefs(db, portal.workspaceId, creatorScope(portal))).map((l) => toBrief(l, today));
}

/** One of the creator's briefs with every version, change request and acceptance. */
export async function getBriefAsCreator(
  { db, clock, portal }: PortalCtx,
  briefId: string,
): Promise<BriefDetail> {
  return detailOf(db, clock.now(), await loadCreatorBrief(db, portal, briefId));
}

/** The creator accepts the current version themselves (recorded as their own, not on their behalf). */
export async function acceptBriefAsCreator(
  ctx: PortalCtx,
  briefId: string,
  input: AcceptBriefRequest,
  meta: { ip: string | null },
): Promise<BriefDetail> {
  const l = await loadCreatorBrief(ctx.db, ctx.portal, briefId);
  await accept({ ...ctx, actor: creatorAsActor(ctx.portal) }, l, input, meta);
  return getBriefAsCreator(ctx, briefId);
}

/** The creator accepts a change request, or declines it with a reason. */
export async function respondToChangeRequestAsCreator(
  ctx: PortalCtx,
  briefId: string,
  input: RespondChangeRequest,
  meta: { ip: string | null },
): Promise<BriefDetail> {
  const l = await loadCreatorBrief(ctx.db, ctx.portal, briefId);
  await respond({ ...ctx, actor: creatorAsActor(ctx.portal) }, l, input, meta);
  return getBriefAsCreator(ctx, briefId);
}

/** The creator declines a sent brief with a reason (their own act, in the portal). */
export async function declineBriefAsCreator(
  ctx: PortalCtx,
  briefId: string,
  input: DeclineBriefRequest,
  meta: { ip: string | null },
): Promise<BriefDetail> {
  const l = await loadCreatorBrief(ctx.db, ctx.portal, briefId);
  await decline({ ...ctx, actor: creatorAsActor(ctx.portal) }, l, input, meta);
  return getBriefAsCreator(ctx, briefId);
}
