import { type Db, queryRows } from '@evergreen/db';
import { sql } from 'drizzle-orm';
import type { Clock } from '../shared/context.ts';
import { AppError } from '../shared/errors.ts';

/** The window the limit counts in. */
export const SIGN_IN_WINDOW_SECONDS = 60;

/**
 * The keys one sign-in attempt counts against, each with its limit per window (docs/operations):
 * the client address with the email (`limit`), and, against spraying many accounts from one
 * address or guessing one account from many addresses, the address alone and the email alone
 * (5 × `limit` each).
 */
export function signInKeys(ip: string, email: string, limit: number): { key: string; max: number }[] {
  const e = email.trim().toLowerCase();
  return [
    { key: `ip+email:${ip}|${e}`, max: limit },
    { key: `ip:${ip}`, max: limit * 5 },
    { key: `email:${e}`, max: limit * 5 },
  ];
}

/**
 * Counts a sign-in attempt before the password is checked, and refuses it (429 `rate_limited`)
 * when any of its keys is over its limit in the current window. The count is one conditional
 * upsert per key in the database: parallel attempts, in this process or another on the same
 * PostgreSQL database, each add exactly one, and a window that is over starts again at 1.
 */
export async function countSignInAttempt(
  { db, clock }: { db: Db; clock: Clock },
  attempt: { ip: string; email: string; limit: number },
): Promise<void> {
  const now = clock.now();
  const windowStart = new Date(now.getTime() - SIGN_IN_WINDOW_SECONDS * 1000);
  let retryAfter = 0;
  for (const { key, max } of signInKeys(attempt.ip, attempt.email, attempt.limit)) {
    const [row] = await queryRows<{ attempts: number; started: Date | string }>(
      db,
      sql`insert into sign_in_attempts as a (key, window_started_at, attempts)
          values (${key}, ${now}, 1)
          on conflict (key) do update set
            attempts = case when a.window_started_at <= ${windowStart} then 1 else a.attempts + 1 end,
            window_started_at = case when a.window_started_at <= ${windowStart} then ${now} else a.window_started_at end
          returning attempts, window_started_at as started`,
    );
    if (row && row.attempts > max) {
      const ends = new Date(row.started).getTime() + SIGN_IN_WINDOW_SECONDS * 1000;
      retryAfter = Math.max(retryAfter, Math.ceil((ends - now.getTime()) / 1000));
    }
  }
  // Windows long over are of no use to anyone.
  await db.execute(
    sql`delete from sign_in_attempts where window_started_at < ${new Date(now.getTime() - 3600_000)}`,
  );
  if (retryAfter > 0) {
    throw new AppError('rate_limited', `Too many sign-in attempts; try again in ${retryAfter} s`);
  }
}
