import type {
  Creator,
  CreatorList,
  CreatorListQuery,
  CreatorSummary,
  FieldIssue,
  Handle,
  PaymentDetails,
} from '@evergreen/contracts';
import {
  type CreateCreatorRequest,
  createCreatorRequest,
  creatorListQuery,
  defaultGreetingName,
  type UpdateCreatorRequest,
} from '@evergreen/contracts';
import { creatorEvents, creators, type Db, users } from '@evergreen/db';
import {
  type CadenceInput,
  effectiveCadence,
  isGoneQuiet,
  nextCheckIn,
  toDay,
  todayBucket,
} from '@evergreen/rules';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { diff, recordAudit } from '../audit/index.ts';
import { requireRole } from '../shared/access.ts';
import { type Actor, type ActorCtx, creatorAsActor, isoRequired, type PortalCtx } from '../shared/context.ts';
import { rethrowConflict } from '../shared/db-errors.ts';
import { AppError, notFound } from '../shared/errors.ts';
import { maskAccount, type SecretBox } from '../shared/secret-box.ts';
import {
  activeCountsByTier,
  type CreatorRow,
  findClashes,
  getCreatorRow,
  handlesOf,
  loadTiers,
  membershipRole,
  ratesOfCreator,
  replaceHandles,
  replaceRates,
  type TierInfo,
} from './queries.ts';
import { assertTier1Eligible } from './tier-eligibility.ts';

type Row = CreatorRow;

export const cadenceInput = (
  c: Pick<Row, 'tier' | 'cadenceDaysOverride' | 'lastTouchpointOn' | 'createdAt' | 'snoozedUntil'>,
  tiers: Map<number, TierInfo>,
): CadenceInput => ({
  tierCadenceDays: tiers.get(c.tier)?.cadenceDays ?? null,
  cadenceDaysOverride: c.cadenceDaysOverride,
  lastTouchpointOn: c.lastTouchpointOn,
  addedOn: toDay(c.createdAt),
  snoozedUntil: c.snoozedUntil,
});

/** Only active creators are on a check-in rhythm; prospects, paused and alumni are not. */
const onRhythm = (c: Row) => c.status === 'active';

function checkInOf(c: Row, tiers: Map<number, TierInfo>, today: string) {
  const input = cadenceInput(c, tiers);
  const rhythm = onRhythm(c);
  return {
    cadenceDays: effectiveCadence(input),
    lastTouchpointOn: c.lastTouchpointOn,
    nextCheckInOn: rhythm ? nextCheckIn(input) : null,
    goneQuiet: rhythm && isGoneQuiet(input, today),
    snoozedUntil: c.snoozedUntil,
  };
}

const platformOrder = ['instagram', 'tiktok', 'youtube', 'telegram', 'vk', 'other'];
const sortHandles = (hs: Handle[]) =>
  hs.sort((a, b) => platformOrder.indexOf(a.platform) - platformOrder.indexOf(b.platform));

function toSummary(
  c: Row,
  ownerName: string | null,
  handles: Handle[],
  tiers: Map<number, TierInfo>,
  today: string,
): CreatorSummary {
  return {
    id: c.id,
    displayName: c.displayName,
    email: c.email,
    tier: c.tier,
    status: c.status,
    ownerUserId: c.ownerUserId,
    ownerName,
    markets: c.markets,
    languages: c.languages,
    tags: c.tags,
    handles: sortHandles(handles),
    checkIn: checkInOf(c, tiers, today),
  };
}

/**
 * The roster: filtered in SQL (tier, status, market, owner, tag, text over names and handles),
 * check-in state computed by the cadence rules, then the "due" filter and the sort.
 */
export async function listCreators(
  { db, clock, actor }: ActorCtx,
  rawQuery: CreatorListQuery,
): Promise<CreatorList> {
  requireRole(actor, 'analyst');
  const q = creatorListQuery.parse(rawQuery);
  const today = toDay(clock.now());
  const ws = actor.workspaceId;
  const conds = [eq(creators.workspaceId, ws)];
  if (q.tier?.length) conds.push(inArray(creators.tier, q.tier));
  if (q.status?.length) conds.push(inArray(creators.status, q.status));
  if (q.market?.length) conds.push(sql`${creators.markets} && ${sql.param(q.market)}::text[]`);
  if (q.tag?.length) conds.push(sql`${creators.tags} && ${sql.param(q.tag)}::text[]`);
  if (q.owner?.length) {
    const ids = q.owner.filter((o) => o !== 'none').map((o) => (o === 'me' ? (actor.userId ?? '') : o));
    const parts = [];
    if (ids.length) parts.push(inArray(creators.ownerUserId, ids));
    if (q.owner.includes('none')) parts.push(sql`${creators.ownerUserId} is null`);
    conds.push(sql`(${sql.join(parts, sql` or `)})`);
  }
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    conds.push(
      sql`(${creators.displayName} ilike ${like} or ${creators.legalName} ilike ${like} or ${creators.email} ilike ${like}
        or exists (select 1 from creator_handles h where h.workspace_id = ${creators.workspaceId}
                   and h.creator_id = ${creators.id} and h.handle ilike ${like}))`,
    );
  }
  const rows = await db
    .select({ c: creators, ownerName: users.name })
    .from(creators)
    .leftJoin(users, eq(users.id, creators.ownerUserId))
    .where(and(...conds));
  const tiers = await loadTiers(db, ws);
  const handles = await handlesOf(
    db,
    ws,
    rows.map((r) => r.c.id),
  );
  let list = rows.map((r) => ({
    row: r.c,
    s: toSummary(r.c, r.ownerName, handles.get(r.c.id) ?? [], tiers, today),
  }));
  if (q.due) {
    list = list.filter(({ row, s }) => {
      if (!onRhythm(row)) return false;
      if (q.due === 'quiet') return s.checkIn.goneQuiet;
      const b = todayBucket(cadenceInput(row, tiers), today);
      return q.due === 'overdue'
        ? b === 'overdue'
        : q.due === 'due'
          ? b === 'overdue' || b === 'due'
          : b === 'upcoming';
    });
  }
  const key = (x: (typeof list)[number]): string | number => {
    switch (q.sort) {
      case 'tier':
        return x.s.tier;
      case 'status':
        return x.s.status;
      case 'next_check_in':
        return x.s.checkIn.nextCheckInOn ?? '9999-12-31';
      case 'last_touchpoint':
        return x.s.checkIn.lastTouchpointOn ?? '0000-01-01';
      case 'created':
        return x.row.createdAt.toISOString();
      default:
        return x.s.displayName.toLocaleLowerCase();
    }
  };
  const dir = q.dir === 'desc' ? -1 : 1;
  list.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka < kb) return -dir;
    if (ka > kb) return dir;
    return a.s.displayName.localeCompare(b.s.displayName);
  });
  return { creators: list.map((x) => x.s), total: list.length, tiers: await tierCounts(db, ws, tiers) };
}

/** Active creators per tier against the tier's target range. */
export async function tierCounts(db: Db, workspaceId: string, tiers: Map<number, TierInfo>) {
  const counts = await activeCountsByTier(db, workspaceId);
  return [1, 2, 3].map((tier) => {
    const t = tiers.get(tier);
    const count = counts.find((c) => c.tier === tier)?.n ?? 0;
    const min = t?.targetMin ?? null;
    const max = t?.targetMax ?? null;
    const health = min != null && count < min ? 'under' : max != null && count > max ? 'over' : 'ok';
    return { tier, name: t?.name ?? `Tier ${tier}`, count, targetMin: min, targetMax: max, health } as const;
  });
}

export async function getCreator({ db, clock, actor }: ActorCtx, id: string): Promise<Creator> {
  requireRole(actor, 'analyst');
  const c = await getCreatorRow(db, actor.workspaceId, id);
  return toCreator(db, c, await loadTiers(db, actor.workspaceId), toDay(clock.now()));
}

async function toCreator(db: Db, c: Row, tiers: Map<number, TierInfo>, today: string): Promise<Creator> {
  const [owner] = c.ownerUserId
    ? await db.select({ name: users.name }).from(users).where(eq(users.id, c.ownerUserId))
    : [];
  const handles = await handlesOf(db, c.workspaceId, [c.id]);
  const rates = await ratesOfCreator(db, c.workspaceId, c.id);
  return {
    ...toSummary(c, owner?.name ?? null, handles.get(c.id) ?? [], tiers, today),
    legalName: c.legalName,
    greetingName: c.greetingName,
    greetingNameDefault: defaultGreetingName(c.legalName, c.displayName),
    externalId: c.externalId,
    briefingStyle: c.briefingStyle,
    leadTimeDays: c.leadTimeDays,
    boundaries: c.boundaries,
    preferredChannel: c.preferredChannel,
    notes: c.notes,
    cadenceDaysOverride: c.cadenceDaysOverride,
    rates: rates.map((r) => ({
      deliverableType: r.deliverableType,
      amountMinor: r.amountMinor,
      currency: r.currency,
    })),
    paymentDetails: { present: c.paymentDetailsEnc != null, mask: c.paymentDetailsMask },
    createdAt: isoRequired(c.createdAt),
    updatedAt: isoRequired(c.updatedAt),
  };
}

/** Checks that keep one creator per external id, email and handle, naming the field that clashes. */
async function assertOwnerIsMember(
  db: Db,
  workspaceId: string,
  ownerUserId: string | null | undefined,
  field = 'ownerUserId',
) {
  if (!ownerUserId) return;
  const role = await membershipRole(db, workspaceId, ownerUserId);
  if (!role || role === 'creator') {
    throw new AppError('validation_failed', `${field}: is not a member of this workspace`, [
      { field, message: 'is not a member of this workspace', code: 'not_member' },
    ]);
  }
}

function duplicatePlatforms(handles: Handle[]): FieldIssue[] {
  const seen = new Set<string>();
  const out: FieldIssue[] = [];
  handles.forEach((h, i) => {
    if (seen.has(h.platform))
      out.push({ field: `handles.${i}.platform`, message: 'appears twice', code: 'duplicate' });
    seen.add(h.platform);
  });
  return out;
}

const sealPayment = (box: SecretBox, p: PaymentDetails) => ({
  paymentDetailsEnc: box.seal(JSON.stringify(p)),
  paymentDetailsMask: maskAccount(p.account),
});

export async function recordCreatorEvent(
  db: Db,
  actor: Actor,
  creatorId: string,
  kind: string,
  data: Record<string, unknown>,
  at: Date,
  reason?: string | null,
) {
  await db.insert(creatorEvents).values({
    workspaceId: actor.workspaceId,
    creatorId,
    kind,
    data,
    reason: reason ?? null,
    byUserId: actor.userId,
    at,
  });
}

export async function createCreator(
  ctx: ActorCtx,
  input: CreateCreatorRequest,
  deps: { box: SecretBox },
): Promise<Creator> {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'manager');
  const data = createCreatorRequest.parse(input);
  const issues = [...duplicatePlatforms(data.handles), ...(await findClashes(db, actor.workspaceId, data))];
  if (issues.length)
    throw new AppError('conflict', issues.map((i) => `${i.field}: ${i.message}`).join('; '), issues);
  await assertOwnerIsMember(db, actor.workspaceId, data.ownerUserId);
  const now = clock.now();
  const id = await db
    .transaction(async (tx) => {
      const { handles, rates, paymentDetails, tierReason, ...fields } = data;
      const [c] = await tx
        .insert(creators)
        .values({
          ...fields,
          workspaceId: actor.workspaceId,
          ...(paymentDetails ? sealPayment(deps.box, paymentDetails) : {}),
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      await replaceHandles(tx, actor.workspaceId, c!.id, handles);
      await replaceRates(tx, actor.workspaceId, c!.id, rates);
      await recordCreatorEvent(
        tx,
        actor,
        c!.id,
        'created',
        { tier: c!.tier, status: c!.status },
        now,
        tierReason,
      );
      await recordAudit(
        tx,
        actor,
        {
          action: 'creator.created',
          entityType: 'creator',
          entityId: c!.id,
          changes: { displayName: c!.displayName, tier: c!.tier },
        },
        now,
      );
      return c!.id;
    })
    .catch((e) => rethrowConflict(e, 'Another creator has this email, handle or external id'));
  return getCreator(ctx, id);
}

export async function updateCreator(
  ctx: ActorCtx,
  id: string,
  input: UpdateCreatorRequest,
): Promise<Creator> {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'manager');
  const was = await getCreator(ctx, id);
  const issues = [
    ...(input.handles ? duplicatePlatforms(input.handles) : []),
    ...(await findClashes(db, actor.workspaceId, input, id)),
  ];
  if (issues.length)
    throw new AppError('conflict', issues.map((i) => `${i.field}: ${i.message}`).join('; '), issues);
  if (input.ownerUserId !== undefined) await assertOwnerIsMember(db, actor.workspaceId, input.ownerUserId);
  const now = clock.now();
  await db
    .transaction(async (tx) => {
      // Status and owner read again, locked: two edits at once queue up, and the timeline says
      // what each really changed from (nothing, when the first already made the same change).
      const [locked] = await tx
        .select({ status: creators.status, ownerUserId: creators.ownerUserId })
        .from(creators)
        .where(and(eq(creators.workspaceId, actor.workspaceId), eq(creators.id, id)))
        .for('update');
      if (!locked) throw notFound('Creator');
      const before = { ...was, ...locked };
      const { handles, rates, ...fields } = input;
      await tx
        .update(creators)
        .set({ ...fields, updatedAt: now })
        .where(and(eq(creators.workspaceId, actor.workspaceId), eq(creators.id, id)));
      if (handles) await replaceHandles(tx, actor.workspaceId, id, handles);
      if (rates) await replaceRates(tx, actor.workspaceId, id, rates);
      // A new status or owner is also an event on the creator's timeline.
      const changed = (kind: string, from: unknown, to: unknown) =>
        recordCreatorEvent(tx, actor, id, kind, { from, to }, now);
      if (input.status && input.status !== before.status) {
        await changed('status_changed', before.status, input.status);
      }
      if (input.ownerUserId !== undefined && input.ownerUserId !== before.ownerUserId) {
        await changed('owner_changed', before.ownerUserId, input.ownerUserId);
      }
      const changes = diff(before as unknown as Record<string, unknown>, input as Record<string, unknown>);
      if (Object.keys(changes).length) {
        await recordAudit(
          tx,
          actor,
          { action: 'creator.updated', entityType: 'creator', entityId: id, changes },
          now,
        );
      }
    })
    .catch((e) => rethrowConflict(e, 'Another creator has this email, handle or external id'));
  return getCreator(ctx, id);
}

/** A tier change always has a reason; it goes on the timeline and in the audit log. */
export async function changeTier(ctx: ActorCtx, id: string, tier: number, reason: string): Promise<Creator> {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'manager');
  await getCreatorRow(db, actor.workspaceId, id);
  const now = clock.now();
  await db.transaction(async (tx) => {
    // Read locked: two changes at once queue up, and the second records the tier it really
    // changed from (or nothing, when the first already set the same tier).
    const [before] = await tx
      .select({ tier: creators.tier })
      .from(creators)
      .where(and(eq(creators.workspaceId, actor.workspaceId), eq(creators.id, id)))
      .for('update');
    if (!before || before.tier === tier) return;
    if (tier === 1) await assertTier1Eligible(tx, actor.workspaceId, [id]);
    await tx
      .update(creators)
      .set({ tier, updatedAt: now })
      .where(and(eq(creators.workspaceId, actor.workspaceId), eq(creators.id, id)));
    await recordCreatorEvent(tx, actor, id, 'tier_changed', { from: before.tier, to: tier }, now, reason);
    await recordAudit(
      tx,
      actor,
      {
        action: 'creator.tier_changed',
        entityType: 'creator',
        entityId: id,
        changes: { tier: { from: before.tier, to: tier }, reason },
      },
      now,
    );
  });
  return getCreator(ctx, id);
}

export type BulkAction =
  | { type: 'change_tier'; tier: number; reason: string }
  | { type: 'assign_owner'; ownerUserId: string | null }
  | { type: 'add_tag'; tag: string }
  | { type: 'set_status'; status: Row['status'] };

/** What a bulk action changes on one creator and the timeline event it leaves; null when nothing changes. */
function bulkChange(
  c: Row,
  action: BulkAction,
): { set: Partial<Row>; event?: { kind: string; data: Record<string, unknown>; reason?: string } } | null {
  switch (action.type) {
    case 'change_tier':
      return c.tier === action.tier
        ? null
        : {
            set: { tier: action.tier },
            event: { kind: 'tier_changed', data: { from: c.tier, to: action.tier }, reason: action.reason },
          };
    case 'assign_owner':
      return c.ownerUserId === action.ownerUserId
        ? null
        : {
            set: { ownerUserId: action.ownerUserId },
            event: { kind: 'owner_changed', data: { from: c.ownerUserId, to: action.ownerUserId } },
          };
    case 'add_tag':
      return c.tags.includes(action.tag) ? null : { set: { tags: [...c.tags, action.tag] } };
    case 'set_status':
      return c.status === action.status
        ? null
        : {
            set: { status: action.status },
            event: { kind: 'status_changed', data: { from: c.status, to: action.status } },
          };
  }
}

/** One action on many creators, in one transaction; ids of other workspaces are simply not found. */
export async function bulkUpdateCreators(
  ctx: ActorCtx,
  ids: string[],
  action: BulkAction,
): Promise<{ updated: number }> {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'manager');
  if (action.type === 'assign_owner')
    await assertOwnerIsMember(db, actor.workspaceId, action.ownerUserId, 'action.ownerUserId');
  const now = clock.now();
  return db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(creators)
      .where(and(eq(creators.workspaceId, actor.workspaceId), inArray(creators.id, ids)))
      // Locked in one order: a tier change or a bulk action on the same creators meanwhile waits.
      .orderBy(creators.id)
      .for('update');
    if (rows.length !== new Set(ids).size) throw notFound('Creator');
    if (action.type === 'change_tier' && action.tier === 1) {
      const moving = rows.filter((c) => c.tier !== 1).map((c) => c.id);
      await assertTier1Eligible(tx, actor.workspaceId, moving);
    }
    let updated = 0;
    for (const c of rows) {
      const change = bulkChange(c, action);
      if (!change) continue;
      await tx
        .update(creators)
        .set({ ...change.set, updatedAt: now })
        .where(and(eq(creators.workspaceId, actor.workspaceId), eq(creators.id, c.id)));
      if (change.event) {
        const e = change.event;
        await recordCreatorEvent(tx, actor, c.id, e.kind, e.data, now, e.reason);
      }
      if (action.type === 'change_tier')
        await recordAudit(
          tx,
          actor,
          {
            action: 'creator.tier_changed',
            entityType: 'creator',
            entityId: c.id,
            changes: { tier: { from: c.tier, to: action.tier }, reason: action.reason },
          },
          now,
        );
      updated++;
    }
    if (action.type !== 'change_tier' && updated) {
      await recordAudit(
        tx,
        actor,
        {
          action: 'creator.bulk_updated',
          entityType: 'creator',
          entityId: null,
          changes: { ...action, count: updated },
        },
        now,
      );
    }
    return { updated };
  });
}

export async function setPaymentDetails(
  ctx: ActorCtx,
  id: string,
  details: PaymentDetails | null,
  deps: { box: SecretBox },
): Promise<Creator> {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'manager');
  await getCreatorRow(db, actor.workspaceId, id);
  const now = clock.now();
  await db.transaction(async (tx) => {
    await tx
      .update(creators)
      .set({
        ...(details ? sealPayment(deps.box, details) : { paymentDetailsEnc: null, paymentDetailsMask: null }),
        updatedAt: now,
      })
      .where(and(eq(creators.workspaceId, actor.workspaceId), eq(creators.id, id)));
    await recordAudit(
      tx,
      actor,
      {
        action: details ? 'creator.payment_details_set' : 'creator.payment_details_removed',
        entityType: 'creator',
        entityId: id,
      },
      now,
    );
  });
  return getCreator(ctx, id);
}

/** Shows the payment details to an owner or manager, and writes down that they looked. */
export async function revealPaymentDetails(
  ctx: ActorCtx,
  id: string,
  deps: { box: SecretBox },
): Promise<PaymentDetails | null> {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'manager');
  const c = await getCreatorRow(db, actor.workspaceId, id);
  await recordAudit(
    db,
    actor,
    { action: 'creator.payment_details_revealed', entityType: 'creator', entityId: id },
    clock.now(),
  );
  return c.paymentDetailsEnc ? (JSON.parse(deps.box.open(c.paymentDetailsEnc)) as PaymentDetails) : null;
}

/** What the creator sees of their own payment details: whether there are any, and the mask. */
export async function paymentDetailsMaskAsCreator({ db, portal }: PortalCtx) {
  const c = await getCreatorRow(db, portal.workspaceId, portal.creatorId);
  return { present: !!c.paymentDetailsEnc, mask: c.paymentDetailsMask };
}

/**
 * The creator enters or updates their own payment details (the creator portal): sealed with the
 * same key as the team's entry; only the mask ever comes back.
 */
export async function setPaymentDetailsAsCreator(
  ctx: PortalCtx,
  details: PaymentDetails,
  deps: { box: SecretBox },
): Promise<{ present: boolean; mask: string | null }> {
  const { db, clock, portal } = ctx;
  const now = clock.now();
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(creators)
      .set({ ...sealPayment(deps.box, details), updatedAt: now })
      .where(and(eq(creators.workspaceId, portal.workspaceId), eq(creators.id, portal.creatorId)))
      .returning({ id: creators.id });
    if (!row) throw notFound('Creator');
    await recordAudit(
      tx,
      creatorAsActor(portal),
      {
        action: 'creator.payment_details_set',
        entityType: 'creator',
        entityId: portal.creatorId,
        changes: { byCreator: portal.creatorId },
      },
      now,
    );
  });
  return paymentDetailsMaskAsCreator(ctx);
}
