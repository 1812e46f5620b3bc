import { type Db, queryRows } from '@evergreen/db';
import { addDays } from '@evergreen/rules';
import { sql } from 'drizzle-orm';
import type { Clock } from '../shared/context.ts';
import { dayInZone } from '../shared/values.ts';
import { scoreAll } from './creator-score.ts';

/** A workspace whose score facts someone read in the last this many days is refreshed ahead. */
export const REFRESH_ACTIVE_DAYS = 7;

/**
 * The day's score facts computed ahead of the day's first read (the scheduler's job): every
 * creator's facts go stale when the workspace's day changes (their windows end today), and the
 * first Today, score or suggestions of the day would compute them all in the request. For each
 * workspace whose day in its time zone is not yet in `done` (this process's memory: workspace →
 * day refreshed) and whose facts someone read in the last REFRESH_ACTIVE_DAYS days, the same read
 * a request makes (scoreAll: stale facts computed and written back, the score history of the day),
 * which also keeps them in this process for its requests. Idempotent: another process or a request
 * that got there first leaves nothing stale, and this read then only reads the versions.
 */
export async function refreshScoreFacts(
  { db, clock }: { db: Db; clock: Clock },
  done: Map<string, string>,
  onError?: (err: unknown, workspaceId: string) => void,
): Promise<{ refreshed: number }> {
  const now = clock.now();
  const all = await queryRows<{ id: string; time_zone: string }>(
    db,
    sql`select id, time_zone from workspaces order by id`,
  );
  let refreshed = 0;
  for (const w of all) {
    const today = dayInZone(now, w.time_zone);
    if (done.get(w.id) === today) continue;
    try {
      const [used] = await queryRows<{ used: boolean }>(
        db,
        sql`select exists (select 1 from creator_score_facts
              where workspace_id = ${w.id}
                and (as_of is null or as_of >= ${addDays(today, -REFRESH_ACTIVE_DAYS)}::date)) as used`,
      );
      if (used?.used) {
        await scoreAll(db, w.id, today);
        refreshed++;
      }
      done.set(w.id, today);
    } catch (err) {
      onError?.(err, w.id);
    }
  }
  return { refreshed };
}
