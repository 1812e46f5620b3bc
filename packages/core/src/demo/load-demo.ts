import { memberships, users, workspaces } from '@evergreen/db';
import { eq } from 'drizzle-orm';
import { findUserByEmail, setPassword, signUp } from '../auth/index.ts';
import { createCreator, logTouchpoint } from '../roster/index.ts';
import type { Actor, Ctx } from '../shared/context.ts';
import { addDays, toDay } from '../shared/dates.ts';
import type { SecretBox } from '../shared/secret-box.ts';
import { createWorkspace } from '../workspaces/index.ts';
import { loadDemoBudget } from './budget.ts';
import { loadDemoPartnerships } from './partnerships.ts';
import { loadDemoPerformance } from './performance.ts';
import { demoRoster } from './roster-data.ts';

/** The demo sign-in, printed at first start and written in README. */
export const DEMO_LOGIN = { email: 'demo@evergreen.local', password: 'evergreen-demo' } as const;
export const DEMO_WORKSPACE_NAME = 'Northwind Skincare (demo)';

/**
 * (Re)creates the demo workspace: any earlier demo workspace is deleted with all its data,
 * the demo account is created or its password reset. Real workspaces are never touched.
 */
export async function loadDemo(
  ctx: Ctx,
  deps: { box: SecretBox },
): Promise<{ workspaceId: string; email: string; password: string }> {
  const { db } = ctx;
  await db.delete(workspaces).where(eq(workspaces.isDemo, true));
  let user = await findUserByEmail(db, DEMO_LOGIN.email);
  if (!user) {
    user = await signUp(
      ctx,
      { name: 'Demo Manager', email: DEMO_LOGIN.email, password: DEMO_LOGIN.password },
      { openSignup: true },
      { isDemo: true },
    );
  } else {
    await setPassword(db, user.id, DEMO_LOGIN.password);
  }
  const ws = await createWorkspace(
    ctx,
    user.id,
    {
      name: DEMO_WORKSPACE_NAME,
      reportingCurrency: 'USD',
      fiscalYearStartMonth: 1,
      markets: ['US', 'RU'],
      defaultLanguage: 'en',
    },
    { isDemo: true },
  );
  // A read-only teammate, so the Team page shows roles.
  let analyst = await findUserByEmail(db, 'analyst@evergreen.local');
  analyst ??= await signUp(
    ctx,
    { name: 'Мария Ковалёва', email: 'analyst@evergreen.local', password: DEMO_LOGIN.password, locale: 'ru' },
    { openSignup: true },
    { isDemo: true },
  );
  await db
    .insert(memberships)
    .values({ workspaceId: ws.id, userId: analyst.id, role: 'analyst', createdAt: ctx.clock.now() });
  await loadDemoRoster(ctx, { workspaceId: ws.id, role: 'owner', userId: user.id, tokenId: null }, deps);
  return { workspaceId: ws.id, ...DEMO_LOGIN };
}

/** True when the installation has never had a demo loaded (first start). */
export async function demoAccountExists(ctx: Ctx): Promise<boolean> {
  const [u] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_LOGIN.email));
  return !!u;
}

/**
 * The demo roster, added through the same use cases as the app. Creators are added as of a
 * year ago (so nobody is "due since they were added"), then their touchpoints are logged.
 */
async function loadDemoRoster(ctx: Ctx, actor: Actor, deps: { box: SecretBox }) {
  const today = toDay(ctx.clock.now());
  const yearAgo = new Date(`${addDays(today, -365)}T09:00:00Z`);
  const asOf = (d: Date) => ({ ...ctx, clock: { now: () => d }, actor });
  const ids = new Map<string, string>();
  for (const [i, d] of demoRoster.entries()) {
    const owner = i % 2 === 0 || d.profile.tier === 1 ? actor.userId : null;
    const c = await createCreator(asOf(yearAgo), { ...d.profile, ownerUserId: owner }, deps);
    ids.set(c.displayName, c.id);
    for (const [daysAgo, kind, summary] of d.touchpoints) {
      await logTouchpoint({ ...ctx, actor }, c.id, {
        occurredOn: addDays(today, -daysAgo),
        channel: d.profile.preferredChannel ?? 'email',
        kind,
        summary,
      });
    }
  }
  await loadDemoPartnerships({ ...ctx, actor }, ids, today);
  await loadDemoBudget({ ...ctx, actor }, today);
  await loadDemoPerformance({ ...ctx, actor }, ids, today);
}
