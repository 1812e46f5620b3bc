import type {
  AgreementRate,
  AgreementStatus,
  AgreementType,
  deliverableListQuery,
} from '@evergreen/contracts';
import {
  agreementRates,
  agreements,
  briefs,
  campaigns,
  creators,
  type Db,
  deliverables,
  users,
  workspaces,
} from '@evergreen/db';
import { and, asc, count, desc, eq, gte, inArray, lte, ne, type SQL, sql } from 'drizzle-orm';
import { AppError, notFound } from '../shared/errors.ts';
import { rowOfWorkspace, rowOr404 } from '../shared/rows.ts';

/**
 * The agreements module's SQL in one place (decision 0011, docs/architecture.md "Modules"): the use
 * cases (agreements.ts, transitions.ts, renew.ts, deliverables.ts, pipeline.ts) state their rules and
 * transactions and call these for their reads and writes. Private to the module, except the few reads
 * its index.ts names for other modules (getAgreementRow, ratesOf, nextTermsOf, lockAgreement).
 */

export type AgreementRow = typeof agreements.$inferSelect;
export type AgreementInsert = typeof agreements.$inferInsert;
export type DeliverableRow = typeof deliverables.$inferSelect;

const sameAgreement = (workspaceId: string, id: string) =>
  and(eq(agreements.workspaceId, workspaceId), eq(agreements.id, id));

const changedMeanwhile = () =>
  new AppError('conflict', 'The agreement changed meanwhile; reload and try again');

export async function getAgreementRow(db: Db, workspaceId: string, id: string): Promise<AgreementRow> {
  const [a] = await db.select().from(agreements).where(sameAgreement(workspaceId, id));
  if (!a) throw notFound('Agreement');
  return a;
}

/** Each agreement's rates, by agreement id (agreements without rates are absent). */
export async function ratesOf(
  db: Db,
  workspaceId: string,
  ids: string[],
): Promise<Map<string, AgreementRate[]>> {
  const out = new Map<string, AgreementRate[]>();
  if (!ids.length) return out;
  const rows = await db
    .select()
    .from(agreementRates)
    .where(and(eq(agreementRates.workspaceId, workspaceId), inArray(agreementRates.agreementId, ids)))
    .orderBy(agreementRates.deliverableType);
  for (const r of rows) {
    const list = out.get(r.agreementId) ?? [];
    list.push({ deliverableType: r.deliverableType, amountMinor: r.amountMinor });
    out.set(r.agreementId, list);
  }
  return out;
}

/** One agreement's rates. */
export const ratesOfOne = async (db: Db, workspaceId: string, id: string): Promise<AgreementRate[]> =>
  (await ratesOf(db, workspaceId, [id])).get(id) ?? [];

/** previous id → next term's id, for the given agreements. */
export async function nextTermsOf(db: Db, workspaceId: string, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: agreements.id, prev: agreements.previousAgreementId })
    .from(agreements)
    .where(and(eq(agreements.workspaceId, workspaceId), inArray(agreements.previousAgreementId, ids)));
  return new Map(rows.map((r) => [r.prev!, r.id]));
}

/**
 * Locks the agreement row in the caller's transaction (SELECT … FOR UPDATE) and checks it is still
 * as `a` was read: a 409 when anyone changed it meanwhile. Every lifecycle step and a renewal take
 * it, so two at once on one term queue up and the second sees what the first did (two month-6
 * decisions, notice while it is being renewed). Same driver, same columns: equal rows serialise alike.
 */
export async function lockAgreement(tx: Db, a: AgreementRow): Promise<AgreementRow> {
  const [row] = await tx.select().from(agreements).where(sameAgreement(a.workspaceId, a.id)).for('update');
  if (!row || JSON.stringify(row) !== JSON.stringify(a)) throw changedMeanwhile();
  return row;
}

/** The workspace's agreements with their creator's name: newest start first, by creator, type, status. */
export async function agreementListRows(
  db: Db,
  workspaceId: string,
  q: { creatorId?: string; type?: AgreementType[]; status?: AgreementStatus[] },
): Promise<{ a: AgreementRow; creatorName: string }[]> {
  const conds = [eq(agreements.workspaceId, workspaceId)];
  if (q.creatorId) conds.push(eq(agreements.creatorId, q.creatorId));
  if (q.type?.length) conds.push(inArray(agreements.type, q.type));
  if (q.status?.length) conds.push(inArray(agreements.status, q.status));
  return db
    .select({ a: agreements, creatorName: creators.displayName })
    .from(agreements)
    .innerJoin(
      creators,
      and(eq(creators.workspaceId, agreements.workspaceId), eq(creators.id, agreements.creatorId)),
    )
    .where(and(...conds))
    .orderBy(desc(agreements.startsOn), asc(creators.displayName), desc(agreements.termNumber));
}

/** Accepted and active agreements with their creator and its owner's name (the renewal pipeline). */
export async function agreementsInForce(db: Db, workspaceId: string, opts: { ownerUserId?: string } = {}) {
  const conds = [eq(agreements.workspaceId, workspaceId), inArray(agreements.status, ['accepted', 'active'])];
  if (opts.ownerUserId) conds.push(eq(creators.ownerUserId, opts.ownerUserId));
  return db
    .select({ a: agreements, c: creators, ownerName: users.name })
    .from(agreements)
    .innerJoin(
      creators,
      and(eq(creators.workspaceId, agreements.workspaceId), eq(creators.id, agreements.creatorId)),
    )
    .leftJoin(users, eq(users.id, creators.ownerUserId))
    .where(and(...conds));
}

/** Agreements the daily job may have something due on: accepted, active or under notice, started by `today`. */
export async function agreementsPossiblyDue(
  db: Db,
  today: string,
  workspaceId?: string,
): Promise<AgreementRow[]> {
  const conds = [inArray(agreements.status, ['accepted', 'active', 'notice_given'])];
  if (workspaceId) conds.push(eq(agreements.workspaceId, workspaceId));
  conds.push(lte(agreements.startsOn, today));
  return db
    .select()
    .from(agreements)
    .where(and(...conds));
}

export async function insertAgreement(tx: Db, values: AgreementInsert): Promise<AgreementRow> {
  const [row] = await tx.insert(agreements).values(values).returning();
  return row!;
}

export async function updateAgreementRow(
  tx: Db,
  workspaceId: string,
  id: string,
  set: Partial<AgreementInsert>,
): Promise<AgreementRow> {
  const [row] = await tx.update(agreements).set(set).where(sameAgreement(workspaceId, id)).returning();
  return row!;
}

export async function deleteAgreementRow(tx: Db, workspaceId: string, id: string): Promise<void> {
  await tx.delete(agreements).where(sameAgreement(workspaceId, id));
}

/**
 * The write of a lifecycle step: only while the status is still `a.status`; a 409 when someone
 * else moved it between our read and this write.
 */
export async function writeTransition(
  tx: Db,
  a: AgreementRow,
  set: Partial<AgreementInsert>,
): Promise<AgreementRow> {
  const [row] = await tx
    .update(agreements)
    .set(set)
    .where(and(sameAgreement(a.workspaceId, a.id), eq(agreements.status, a.status)))
    .returning();
  if (!row) throw changedMeanwhile();
  return row;
}

/** Stores an agreement's rates (in its currency), for an agreement that has none yet. */
export async function insertRates(
  tx: Db,
  a: { workspaceId: string; id: string; currency: string },
  rates: AgreementRate[],
): Promise<void> {
  if (!rates.length) return;
  await tx.insert(agreementRates).values(
    rates.map((r) => ({
      workspaceId: a.workspaceId,
      agreementId: a.id,
      deliverableType: r.deliverableType,
      amountMinor: r.amountMinor,
      currency: a.currency,
    })),
  );
}

/** Replaces an agreement's rates (and moves them to its currency). */
export async function replaceRates(
  tx: Db,
  a: { workspaceId: string; id: string; currency: string },
  rates: AgreementRate[],
): Promise<void> {
  await tx
    .delete(agreementRates)
    .where(and(eq(agreementRates.workspaceId, a.workspaceId), eq(agreementRates.agreementId, a.id)));
  await insertRates(tx, a, rates);
}

// ── Deliverables (the planned and posted posts of agreements and campaigns) ──

export async function campaignExists(db: Db, workspaceId: string, id: string): Promise<boolean> {
  const [c] = await db
    .select({ id: campaigns.id })
    .from(campaigns)
    .where(and(eq(campaigns.workspaceId, workspaceId), eq(campaigns.id, id)));
  return !!c;
}

export async function briefLinks(db: Db, workspaceId: string, id: string) {
  const [b] = await db
    .select({ campaignId: briefs.campaignId, creatorId: briefs.creatorId })
    .from(briefs)
    .where(and(eq(briefs.workspaceId, workspaceId), eq(briefs.id, id)));
  return b ?? null;
}

/** Whether another post of the workspace (not `exceptId`) has this external id. */
export async function externalIdUsed(
  db: Db,
  workspaceId: string,
  externalId: string,
  exceptId?: string,
): Promise<boolean> {
  const [other] = await db
    .select({ id: deliverables.id })
    .from(deliverables)
    .where(
      and(
        eq(deliverables.workspaceId, workspaceId),
        eq(deliverables.externalId, externalId),
        exceptId ? ne(deliverables.id, exceptId) : undefined,
      ),
    );
  return !!other;
}

/** The deliverable row locked for update in the caller's transaction (404 when there is none). */
export async function lockDeliverableRow(tx: Db, workspaceId: string, id: string): Promise<DeliverableRow> {
  return rowOfWorkspace(tx, deliverables, workspaceId, id, 'Deliverable', true);
}

export async function insertDeliverable(
  tx: Db,
  values: typeof deliverables.$inferInsert,
): Promise<DeliverableRow> {
  const [r] = await tx.insert(deliverables).values(values).returning();
  return r!;
}

export async function updateDeliverableRow(
  tx: Db,
  workspaceId: string,
  id: string,
  set: Partial<typeof deliverables.$inferInsert>,
): Promise<DeliverableRow | undefined> {
  const [r] = await tx
    .update(deliverables)
    .set(set)
    .where(and(eq(deliverables.workspaceId, workspaceId), eq(deliverables.id, id)))
    .returning();
  return r;
}

/** One page of the workspace's deliverables by the list's filters, latest day first, and their count. */
export async function deliverablePage(
  db: Db,
  workspaceId: string,
  q: ReturnType<typeof deliverableListQuery.parse>,
): Promise<{ rows: DeliverableRow[]; total: number }> {
  const conds: (SQL | undefined)[] = [eq(deliverables.workspaceId, workspaceId)];
  if (q.creatorId) conds.push(eq(deliverables.creatorId, q.creatorId));
  if (q.agreementId) conds.push(eq(deliverables.agreementId, q.agreementId));
  if (q.campaignId) conds.push(eq(deliverables.campaignId, q.campaignId));
  if (q.status?.length) conds.push(inArray(deliverables.status, q.status));
  if (q.sponsored !== undefined) conds.push(eq(deliverables.sponsored, q.sponsored));
  if (q.dueFrom) conds.push(gte(deliverables.dueOn, q.dueFrom));
  if (q.dueTo) conds.push(lte(deliverables.dueOn, q.dueTo));
  // Posted days are UTC days: [from 00:00, to + 1 day 00:00).
  if (q.postedFrom) conds.push(gte(deliverables.postedAt, new Date(`${q.postedFrom}T00:00:00Z`)));
  if (q.postedTo)
    conds.push(sql`${deliverables.postedAt} < (${q.postedTo}::date + 1)::timestamp at time zone 'UTC'`);
  const where = and(...conds);
  const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(deliverables).where(where);
  const rows = await db
    .select()
    .from(deliverables)
    .where(where)
    .orderBy(
      sql`coalesce(${deliverables.postedAt}::date, ${deliverables.dueOn}, ${deliverables.plannedOn}) desc nulls last`,
      asc(deliverables.createdAt),
      asc(deliverables.id),
    )
    .limit(q.limit)
    .offset(q.offset);
  return { rows, total: Number(n) };
}

export async function deliverablesOfAgreement(
  db: Db,
  workspaceId: string,
  agreementId: string,
): Promise<DeliverableRow[]> {
  return db
    .select()
    .from(deliverables)
    .where(and(eq(deliverables.workspaceId, workspaceId), eq(deliverables.agreementId, agreementId)));
}

/** The workspace's name (the brand in an agreement's document). */
export async function workspaceName(db: Db, workspaceId: string): Promise<string> {
  const ws = await rowOr404(
    db.select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, workspaceId)),
    'Workspace',
  );
  return ws.name;
}
