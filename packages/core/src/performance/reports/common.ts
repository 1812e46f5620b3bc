import type { ReportQuery } from '@evergreen/contracts';
import { type Db, queryRows } from '@evergreen/db';
import { sql } from 'drizzle-orm';
import { requireRole } from '../../shared/access.ts';
import type { ActorCtx } from '../../shared/context.ts';
import { invalid, notFound } from '../../shared/errors.ts';
import { type Period, resolvePeriod } from './period.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What every report starts with: the reader's role, the workspace, the period, the creator filter (checked). */
export async function reportScope(
  ctx: ActorCtx,
  q: ReportQuery,
): Promise<{ ws: string; period: Period; creatorId: string | undefined }> {
  requireRole(ctx.actor, 'analyst');
  const ws = ctx.actor.workspaceId;
  const period = resolvePeriod(q, ctx.clock);
  const creatorId = q.creatorId;
  if (creatorId !== undefined) await requireCreator(ctx, creatorId);
  return { ws, period, creatorId };
}

export interface CreatorBrief {
  id: string;
  name: string;
  tier: number;
}

/** The creator of this workspace, or not_found (another workspace's id included). */
export async function requireCreator(ctx: ActorCtx, creatorId: string): Promise<CreatorBrief> {
  if (!UUID.test(creatorId)) throw invalid('creatorId', 'must be a creator id (UUID)', 'invalid_uuid');
  const [c] = await queryRows<CreatorBrief>(
    ctx.db,
    sql`select id, display_name as name, tier from creators
      where workspace_id = ${ctx.actor.workspaceId} and id = ${creatorId}`,
  );
  if (!c) throw notFound('Creator');
  return { id: c.id, name: c.name, tier: Number(c.tier) };
}

/**
 * Runs report statements in one transaction with planner settings for reports (`set local`
 * ends with it):
 * - sorts and hashes may use more memory than the server default (4 MB spills a sort of
 *   300,000 lags to disk);
 * - random_page_cost 1.1 (the usual value for SSDs and cached data, against the default 4, which
 *   models spinning disks): the reports read covering indexes from end to end in key order, and
 *   at the default cost the planner prefers a parallel scan of the whole (much wider) table to an
 *   index-only scan that reads a third of the bytes.
 *
 * With `snapshot`, the transaction is repeatable read (and read only).
 */
export function withReportMemory<T>(
  db: Db,
  run: (tx: Db) => Promise<T>,
  opts: { snapshot?: boolean } = {},
): Promise<T> {
  return db.transaction(
    async (tx) => {
      await tx.execute(
        sql`select set_config('work_mem', '64MB', true), set_config('random_page_cost', '1.1', true)`,
      );
      return run(tx as unknown as Db);
    },
    // `snapshot`: every statement reads the same snapshot (one statement relies on another's counts).
    opts.snapshot ? { isolationLevel: 'repeatable read', accessMode: 'read only' } : undefined,
  );
}
