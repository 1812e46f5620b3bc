import {
  type MutationFunction,
  type QueryClient,
  type UseMutationOptions,
  useMutation,
  useQueryClient,
} from '@tanstack/react-query';

/**
 * How the web app keeps every view true after a write.
 *
 * Every query about a workspace is keyed `['workspaces', ws, <area>, …]`: the area is the kind of
 * view (the roster, Today, agreements, budgets and payments, …). Every write says which record it
 * changed (`Write`); `shownIn` lists every area whose views show that record, and the write
 * invalidates all of them. A view that shows a record must have its area in that record's list:
 * that list, not each hook, is where "this screen shows payments" is written down.
 *
 * Invalidating marks the queries stale: the ones on screen refetch at once, the others when they
 * are next shown (whatever their staleTime).
 */
export const areas = [
  'roster', // creators, their profile, timeline, touchpoints, audience, messages
  'today',
  'agreements', // agreements, terms, ledgers, their deliverables, the renewal pipeline
  'budgets', // budgets, summaries, forecast, plan, exchange rates, payments, on-time, invoices
  'campaigns', // campaigns, briefs, suggestions, overlaps
  'tracking', // posts, snapshots, trackers, orders, imports, picker options
  'reports', // performance reports
  'message-templates',
  'calendar-feed',
  'outbox',
  'audit',
  'members',
  'invitations',
  'tokens',
  'tiers',
  'import-run',
  'portal', // the creator portal's own views (briefs, agreements, posts, payments as a creator sees them)
] as const;
export type Area = (typeof areas)[number];

/** The prefix of every query of one area in one workspace. */
export const areaKey = (ws: string, area: Area) => ['workspaces', ws, area] as const;

/** Every record the app writes, and every area whose views show it (the audit log shows every write). */
export const shownIn = {
  /** Name, tier, owner, status, tags, payment details: shown next to nearly everything. */
  creator: [
    'roster',
    'today',
    'agreements',
    'budgets',
    'campaigns',
    'tracking',
    'reports',
    'audit',
    'portal',
  ],
  /** A touchpoint or a snooze: the timeline, last contact, Today's check-ins. */
  touchpoint: ['roster', 'today', 'reports', 'audit'],
  audience: ['roster', 'reports', 'audit'],
  /** Terms, rates, status: Today's decisions, commitments and payments, the creator header. */
  agreement: ['agreements', 'roster', 'today', 'budgets', 'campaigns', 'reports', 'audit', 'portal'],
  /** A post or a snapshot: ledgers, deliverables due on Today, payments for it, results. */
  deliverable: [
    'tracking',
    'agreements',
    'roster',
    'today',
    'budgets',
    'campaigns',
    'reports',
    'audit',
    'portal',
  ],
  tracker: ['tracking', 'roster', 'reports', 'audit'],
  /** Orders (imports, attribution settings): attribution, results, ROI on the creator page. */
  order: ['tracking', 'roster', 'reports', 'today', 'audit'],
  /** Paid, part paid, cancelled, generated, invoices: Today's payments, ledgers, spend, forecast. */
  payment: ['budgets', 'today', 'agreements', 'roster', 'reports', 'audit', 'portal'],
  /** Budgets and exchange rates: summaries, forecast, amounts in the reporting currency. */
  budget: ['budgets', 'agreements', 'roster', 'reports', 'audit'],
  campaign: ['campaigns', 'roster', 'today', 'tracking', 'reports', 'audit'],
  brief: ['campaigns', 'roster', 'today', 'audit', 'portal'],
  /** A message sent, queued or marked sent (a touchpoint when it leaves). */
  message: ['outbox', 'roster', 'today', 'audit'],
  template: ['message-templates', 'roster', 'audit'],
  calendarFeed: ['calendar-feed', 'audit'],
  /** Name, currency, windows, overlap window: nearly every view formats or computes with them. */
  workspace: ['roster', 'today', 'agreements', 'budgets', 'campaigns', 'tracking', 'reports', 'audit'],
  /** Tier targets and cadences: also the portfolio page's tier health and workload. */
  tiers: ['tiers', 'roster', 'today', 'budgets', 'agreements', 'reports', 'audit'],
  /** The portfolio page's threshold and minutes. */
  portfolioSettings: ['reports', 'audit'],
  member: ['members', 'roster', 'today', 'audit'],
  invitation: ['invitations', 'outbox', 'audit'],
  token: ['tokens', 'audit'],
  outbox: ['outbox', 'invitations', 'roster', 'audit'],
  /** A creator's portal access (invited, new link, revoked): their profile, the outbox. */
  portalAccess: ['roster', 'outbox', 'audit'],
  /** A creator's monthly summary switched on/off or its personal line: their page. */
  monthlySummary: ['roster', 'audit'],
  /** Ratings, the score's override and weights, issues, insights, suggestions decided: the creator page and Today; insights also the portal. */
  selection: ['roster', 'today', 'audit', 'portal'],
} as const satisfies Record<string, readonly Area[]>;
export type Write = keyof typeof shownIn;

/** Marks stale every view of a workspace that shows what these writes changed. */
export async function invalidateWrites(queryClient: QueryClient, ws: string, writes: readonly Write[]) {
  const touched = new Set<Area>(writes.flatMap((w) => shownIn[w]));
  await Promise.all(
    [...touched].map((area) => queryClient.invalidateQueries({ queryKey: areaKey(ws, area) })),
  );
}

export interface WorkspaceMutationOptions<TData, TVariables>
  extends Omit<UseMutationOptions<TData, Error, TVariables>, 'mutationFn' | 'onSuccess'> {
  mutationFn: MutationFunction<TData, TVariables>;
  /** What the write changed: every view showing it refetches. */
  writes: Write | readonly Write[];
  /** Runs first (e.g. puts the answer in the cache, or drops an item from Today at once). */
  onSuccess?: (data: TData, variables: TVariables, queryClient: QueryClient) => unknown;
}

/**
 * The one way a feature writes to a workspace: the mutation resolves once every view that shows
 * the changed records has been marked stale (and the ones on screen have refetched).
 */
export function useWorkspaceMutation<TData, TVariables = void>(
  ws: string,
  { writes, onSuccess, ...options }: WorkspaceMutationOptions<TData, TVariables>,
) {
  const queryClient = useQueryClient();
  const list: readonly Write[] = typeof writes === 'string' ? [writes] : writes;
  return useMutation<TData, Error, TVariables>({
    ...options,
    onSuccess: async (data, variables) => {
      await onSuccess?.(data, variables, queryClient);
      await invalidateWrites(queryClient, ws, list);
    },
  });
}
