import {
  type CreateSnapshotRequest,
  createSnapshotRequest,
  type FieldIssue,
  type MetricSnapshot,
  type MetricsBatchRequest,
  type MetricsBatchResult,
  metricsBatchRequest,
  type PostWithSnapshots,
  platformIdKey,
  postUrlKey,
} from '@evergreen/contracts';
import { type Db, queryRows } from '@evergreen/db';
import { sql } from 'drizzle-orm';
import { recordAudit } from '../audit/index.ts';
import { requireRole } from '../shared/access.ts';
import { type ActorCtx, isoRequired } from '../shared/context.ts';
import { AppError, notFound } from '../shared/errors.ts';
import { refreshPostFacts } from './facts.ts';
import { checkIdempotencyKey, withIdempotency } from './idempotency.ts';
import { getDeliverableRow, rateString, toDeliverable } from './posts.ts';

/**
 * Metric snapshots of posts (docs/performance.md): by hand, in API batches with an idempotency
 * key, or from CSV (metrics-csv.ts). One reading per post and moment: sending the same post
 * and captured time again replaces its numbers. A reading before the post's posted time is
 * kept (clocks and time zones differ) but never counts as the day-1 or day-7 reading.
 */

export const COUNT_COLUMNS = [
  'impressions',
  'reach',
  'likes',
  'comments',
  'shares',
  'saves',
  'clicks',
  'videoViews',
] as const;
export type CountKey = (typeof COUNT_COLUMNS)[number];
export type Counts = Record<CountKey, number | null>;

export interface SnapshotInput extends Counts {
  deliverableId: string;
  /** An instant; ISO 8601 text or a Date. */
  capturedAt: Date;
}

export type SnapshotAction = 'created' | 'updated' | 'unchanged';
const keyOf = (deliverableId: string, at: Date | string) => `${deliverableId}|${new Date(at).getTime()}`;

/** Rows per insert statement: one JSON parameter each, far below any parameter limit. */
export const WRITE_CHUNK = 1000;

/**
 * Inserts or updates readings (caller's transaction; the posts are the workspace's, checked by
 * the caller; no two inputs share a post and time). Answers the action per input, in order.
 */
export async function upsertSnapshots(
  tx: Db,
  workspaceId: string,
  inputs: readonly SnapshotInput[],
  source: 'manual' | 'api' | 'csv',
  now: Date,
  onChunk?: (written: number) => void,
): Promise<SnapshotAction[]> {
  const actions: SnapshotAction[] = [];
  for (let i = 0; i < inputs.length; i += WRITE_CHUNK) {
    const chunk = inputs.slice(i, i + WRITE_CHUNK);
    const json = JSON.stringify(
      chunk.map((s) => ({
        d: s.deliverableId,
        t: s.capturedAt.toISOString(),
        impressions: s.impressions,
        reach: s.reach,
        likes: s.likes,
        comments: s.comments,
        shares: s.shares,
        saves: s.saves,
        clicks: s.clicks,
        video_views: s.videoViews,
      })),
    );
    const changed = await queryRows<{
      deliverable_id: string;
      captured_at: Date | string;
      inserted: boolean;
    }>(
      tx,
      sql`insert into metric_snapshots (workspace_id, deliverable_id, captured_at, impressions, reach,
          likes, comments, shares, saves, clicks, video_views, source, created_at)
        select ${workspaceId}, x.d, x.t, x.impressions, x.reach, x.likes, x.comments, x.shares, x.saves,
          x.clicks, x.video_views, ${source}, ${now.toISOString()}::timestamptz
        from jsonb_to_recordset(${json}::jsonb) as x(d uuid, t timestamptz, impressions bigint, reach bigint,
          likes bigint, comments bigint, shares bigint, saves bigint, clicks bigint, video_views bigint)
        on conflict (workspace_id, deliverable_id, captured_at) do update set
          impressions = excluded.impressions, reach = excluded.reach, likes = excluded.likes,
          comments = excluded.comments, shares = excluded.shares, saves = excluded.saves,
          clicks = excluded.clicks, video_views = excluded.video_views, source = excluded.source
        where (metric_snapshots.impressions, metric_snapshots.reach, metric_snapshots.likes,
          metric_snapshots.comments, metric_snapshots.shares, metric_snapshots.saves,
          metric_snapshots.clicks, metric_snapshots.video_views)
          is distinct from (excluded.impressions, excluded.reach, excluded.likes, excluded.comments,
          excluded.shares, excluded.saves, excluded.clicks, excluded.video_views)
        returning deliverable_id, captured_at, (xmax::text = '0') as inserted`,
    );
    const byKey = new Map(changed.map((c) => [keyOf(c.deliverable_id, c.captured_at), c.inserted]));
    for (const s of chunk) {
      const inserted = byKey.get(keyOf(s.deliverableId, s.capturedAt));
      actions.push(inserted === undefined ? 'unchanged' : inserted ? 'created' : 'updated');
    }
    onChunk?.(Math.min(i + WRITE_CHUNK, inputs.length));
  }
  return actions;
}

interface SnapshotRow {
  id: string;
  deliverable_id: string;
  captured_at: Date | string;
  age: number | string | null;
  impressions: number | string | null;
  reach: number | string | null;
  likes: number | string | null;
  comments: number | string | null;
  shares: number | string | null;
  saves: number | string | null;
  clicks: number | string | null;
  video_views: number | string | null;
  source: MetricSnapshot['source'];
  created_at: Date | string;
}

const num = (v: number | string | null): number | null => (v == null ? null : Number(v));

function toSnapshot(r: SnapshotRow): MetricSnapshot {
  const c = {
    impressions: num(r.impressions),
    reach: num(r.reach),
    likes: num(r.likes),
    comments: num(r.comments),
    shares: num(r.shares),
    saves: num(r.saves),
    clicks: num(r.clicks),
    videoViews: num(r.video_views),
  };
  const engagements = (c.likes ?? 0) + (c.comments ?? 0) + (c.shares ?? 0) + (c.saves ?? 0);
  return {
    id: r.id,
    deliverableId: r.deliverable_id,
    capturedAt: isoRequired(r.captured_at),
    ageSeconds: num(r.age),
    ...c,
    engagements,
    engagementRate: rateString(engagements, c.reach ?? c.impressions),
    source: r.source,
    createdAt: isoRequired(r.created_at),
  };
}

async function snapshotsOf(db: Db, workspaceId: string, deliverableId: string, id?: string) {
  const rows = await queryRows<SnapshotRow>(
    db,
    sql`select ms.id, ms.deliverable_id, ms.captured_at,
        extract(epoch from ms.captured_at - d.posted_at)::bigint as age,
        ms.impressions, ms.reach, ms.likes, ms.comments, ms.shares, ms.saves, ms.clicks, ms.video_views,
        ms.source, ms.created_at
      from metric_snapshots ms join deliverables d on d.id = ms.deliverable_id and d.workspace_id = ms.workspace_id
      where ms.workspace_id = ${workspaceId} and ms.deliverable_id = ${deliverableId}
        ${id ? sql`and ms.id = ${id}` : sql``}
      order by ms.captured_at, ms.id`,
  );
  return rows.map(toSnapshot);
}

/** A post with every reading, oldest first. */
export async function getPostWithSnapshots(
  { db, actor }: ActorCtx,
  deliverableId: string,
): Promise<PostWithSnapshots> {
  requireRole(actor, 'analyst');
  const d = await getDeliverableRow(db, actor.workspaceId, deliverableId);
  return { deliverable: toDeliverable(d), snapshots: await snapshotsOf(db, actor.workspaceId, d.id) };
}

const countsOf = (s: Partial<Record<CountKey, number | null | undefined>>): Counts => ({
  impressions: s.impressions ?? null,
  reach: s.reach ?? null,
  likes: s.likes ?? null,
  comments: s.comments ?? null,
  shares: s.shares ?? null,
  saves: s.saves ?? null,
  clicks: s.clicks ?? null,
  videoViews: s.videoViews ?? null,
});

/** Records (or replaces, same captured time) one reading by hand. */
export async function addSnapshot(
  ctx: ActorCtx,
  deliverableId: string,
  input: CreateSnapshotRequest,
): Promise<MetricSnapshot> {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'manager');
  const s = createSnapshotRequest.parse(input);
  const d = await getDeliverableRow(db, actor.workspaceId, deliverableId);
  const now = clock.now();
  const capturedAt = new Date(s.capturedAt);
  return db.transaction(async (tx) => {
    const [action] = await upsertSnapshots(
      tx,
      actor.workspaceId,
      [{ deliverableId: d.id, capturedAt, ...countsOf(s) }],
      'manual',
      now,
    );
    await refreshPostFacts(tx, actor.workspaceId, { deliverableIds: [d.id] });
    const [row] = await queryRows<{ id: string }>(
      tx,
      sql`select id from metric_snapshots where workspace_id = ${actor.workspaceId}
        and deliverable_id = ${d.id} and captured_at = ${capturedAt.toISOString()}::timestamptz`,
    );
    await recordAudit(
      tx,
      actor,
      {
        action: 'metric_snapshot.recorded',
        entityType: 'deliverable',
        entityId: d.id,
        changes: { capturedAt: capturedAt.toISOString(), action },
      },
      now,
    );
    const [snap] = await snapshotsOf(tx, actor.workspaceId, d.id, row!.id);
    return snap!;
  });
}

export async function deleteSnapshot(
  ctx: ActorCtx,
  deliverableId: string,
  snapshotId: string,
): Promise<void> {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'manager');
  const d = await getDeliverableRow(db, actor.workspaceId, deliverableId);
  await db.transaction(async (tx) => {
    const gone = await queryRows<{ captured_at: Date | string }>(
      tx,
      sql`delete from metric_snapshots where workspace_id = ${actor.workspaceId}
        and deliverable_id = ${d.id} and id = ${snapshotId} returning captured_at`,
    );
    if (!gone.length) throw notFound('Snapshot');
    await refreshPostFacts(tx, actor.workspaceId, { deliverableIds: [d.id] });
    await recordAudit(
      tx,
      actor,
      {
        action: 'metric_snapshot.deleted',
        entityType: 'deliverable',
        entityId: d.id,
        changes: { capturedAt: isoRequired(gone[0]!.captured_at) },
      },
      clock.now(),
    );
  });
}

/**
 * Finds the workspace's posts by id, external id and URL (the sets given), in one query each
 * way. URLs match exactly; a URL two posts share is ambiguous (answered as null in `byUrl` with
 * the ids in `ambiguousUrls`).
 */
export async function resolvePosts(
  db: Db,
  workspaceId: string,
  refs: { ids: Iterable<string>; externalIds: Iterable<string>; urls: Iterable<string> },
): Promise<{
  byId: Map<string, string>;
  byExternalId: Map<string, string>;
  byUrl: Map<string, string>;
  ambiguousUrls: Set<string>;
  /** Refs found by their link's key (postUrlKey: scheme, www., tracking parameters, /p/ vs /reel/…) or platform id. */
  byKey: Map<string, string>;
  ambiguousKeys: Set<string>;
}> {
  const ids = [...new Set(refs.ids)].filter((s) => /^[0-9a-f-]{36}$/i.test(s));
  const externalIds = [...new Set(refs.externalIds)];
  const urls = [...new Set(refs.urls)];
  const out = {
    byId: new Map<string, string>(),
    byExternalId: new Map<string, string>(),
    byUrl: new Map<string, string>(),
    ambiguousUrls: new Set<string>(),
    byKey: new Map<string, string>(),
    ambiguousKeys: new Set<string>(),
  };
  const arr = (xs: string[]) => sql`(select jsonb_array_elements_text(${JSON.stringify(xs)}::jsonb))`;
  if (ids.length) {
    const rows = await queryRows<{ id: string }>(
      db,
      sql`select id from deliverables where workspace_id = ${workspaceId} and id::text in ${arr(ids.map((s) => s.toLowerCase()))}`,
    );
    for (const r of rows) out.byId.set(r.id, r.id);
  }
  if (externalIds.length) {
    const rows = await queryRows<{ id: string; external_id: string }>(
      db,
      sql`select id, external_id from deliverables where workspace_id = ${workspaceId} and external_id in ${arr(externalIds)}`,
    );
    for (const r of rows) out.byExternalId.set(r.external_id, r.id);
  }
  if (urls.length) {
    const rows = await queryRows<{ id: string; url: string }>(
      db,
      sql`select id, url from deliverables where workspace_id = ${workspaceId} and url in ${arr(urls)}`,
    );
    for (const r of rows) {
      if (out.byUrl.has(r.url)) out.ambiguousUrls.add(r.url);
      out.byUrl.set(r.url, r.id);
    }
  }
  // What is still unknown may be the same link written another way, or a platform's post id.
  const left = urls.filter((u) => !out.byUrl.has(u) && !out.byExternalId.has(u));
  const keysOf = (ref: string) => {
    const k = postUrlKey(ref);
    return [...(k && /[./]/.test(ref) ? [k] : []), ...platformIdKey(ref)];
  };
  if (left.some((r) => keysOf(r).length)) {
    const posts = await queryRows<{ id: string; url: string }>(
      db,
      sql`select id, url from deliverables where workspace_id = ${workspaceId} and url is not null`,
    );
    const byKey = new Map<string, Set<string>>();
    for (const p of posts) {
      const k = postUrlKey(p.url);
      if (!k) continue;
      const set = byKey.get(k) ?? new Set<string>();
      set.add(p.id);
      byKey.set(k, set);
    }
    for (const ref of left)
      for (const k of keysOf(ref)) {
        const hit = byKey.get(k);
        if (!hit) continue;
        if (hit.size > 1) out.ambiguousKeys.add(ref);
        else out.byKey.set(ref, [...hit][0]!);
        break;
      }
  }
  return out;
}

/**
 * A batch of readings from the API. The Idempotency-Key header is required: the same key and
 * body answer the stored result without writing; another body is a 409. All or nothing: any
 * unknown post or repeated (post, captured time) answers 400 naming `snapshots.<i>.<field>`.
 */
export async function recordMetricsBatch(
  ctx: ActorCtx,
  input: MetricsBatchRequest,
  idempotencyKey: string | undefined,
): Promise<MetricsBatchResult> {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'manager');
  const key = checkIdempotencyKey(idempotencyKey);
  const body = metricsBatchRequest.parse(input);
  const now = clock.now();
  return db.transaction(async (tx) => {
    const { response, replayed } = await withIdempotency(
      tx,
      actor.workspaceId,
      'metrics.batch',
      key,
      input,
      async () => {
        const found = await resolvePosts(tx, actor.workspaceId, {
          ids: body.snapshots.flatMap((s) => (s.deliverableId ? [s.deliverableId] : [])),
          externalIds: body.snapshots.flatMap((s) =>
            !s.deliverableId && s.externalId ? [s.externalId] : [],
          ),
          urls: body.snapshots.flatMap((s) => (!s.deliverableId && !s.externalId && s.url ? [s.url] : [])),
        });
        const errors: FieldIssue[] = [];
        const seen = new Map<string, number>();
        const inputs: SnapshotInput[] = [];
        body.snapshots.forEach((s, i) => {
          const field = s.deliverableId ? 'deliverableId' : s.externalId ? 'externalId' : 'url';
          const id = s.deliverableId
            ? found.byId.get(s.deliverableId.toLowerCase())
            : s.externalId
              ? found.byExternalId.get(s.externalId)
              : found.ambiguousUrls.has(s.url!)
                ? undefined
                : found.byUrl.get(s.url!);
          if (!id) {
            const ambiguous = field === 'url' && found.ambiguousUrls.has(s.url!);
            errors.push({
              field: `snapshots.${i}.${field}`,
              message: ambiguous ? 'matches several posts; send deliverableId' : 'matches no post',
              code: ambiguous ? 'ambiguous' : 'not_found',
            });
            return;
          }
          const capturedAt = new Date(s.capturedAt);
          const k = keyOf(id, capturedAt);
          const first = seen.get(k);
          if (first !== undefined) {
            errors.push({
              field: `snapshots.${i}.capturedAt`,
              message: `repeats the post and captured time of snapshots.${first}`,
              code: 'duplicate',
            });
            return;
          }
          seen.set(k, i);
          inputs.push({ deliverableId: id, capturedAt, ...countsOf(s) });
        });
        if (errors.length)
          throw new AppError(
            'validation_failed',
            errors.map((e) => `${e.field}: ${e.message}`).join('; '),
            errors,
          );
        const actions = await upsertSnapshots(tx, actor.workspaceId, inputs, 'api', now);
        const touched = [...new Set(inputs.map((s) => s.deliverableId))];
        await refreshPostFacts(tx, actor.workspaceId, { deliverableIds: touched });
        const tally = (a: SnapshotAction) => actions.filter((x) => x === a).length;
        const result: MetricsBatchResult = {
          created: tally('created'),
          updated: tally('updated'),
          unchanged: tally('unchanged'),
          snapshots: inputs.map((s, i) => ({
            deliverableId: s.deliverableId,
            capturedAt: s.capturedAt.toISOString(),
            action: actions[i]!,
          })),
          replayed: false,
        };
        await recordAudit(
          tx,
          actor,
          {
            action: 'metric_snapshots.batch',
            entityType: 'deliverable',
            changes: { key, created: result.created, updated: result.updated, unchanged: result.unchanged },
          },
          now,
        );
        return result;
      },
    );
    return { ...response, replayed };
  });
}
