import { DEFAULT_PORTFOLIO_SETTINGS, type PortfolioSettings } from '@evergreen/contracts';
import { type Db, queryRows } from '@evergreen/db';
import { sql } from 'drizzle-orm';
import type { TierEvent } from './rules.ts';

/** Every statement the portfolio runs (docs/portfolio.md); each filters by workspace first. */

/** The workspace's settings (the defaults without a row); `lock` holds the row to the transaction's end. */
export async function readSettings(db: Db, ws: string, lock = false): Promise<PortfolioSettings> {
  const [r] = await queryRows<PortfolioSettings>(
    db,
    sql`select concentration_warn_pct as "concentrationWarnPct", touchpoint_minutes as "touchpointMinutes",
      brief_minutes as "briefMinutes", review_minutes as "reviewMinutes", report_minutes as "reportMinutes"
    from portfolio_settings where workspace_id = ${ws} ${lock ? sql`for update` : sql``}`,
  );
  if (!r) return { ...DEFAULT_PORTFOLIO_SETTINGS };
  return {
    concentrationWarnPct: Number(r.concentrationWarnPct),
    touchpointMinutes: Number(r.touchpointMinutes),
    briefMinutes: Number(r.briefMinutes),
    reviewMinutes: Number(r.reviewMinutes),
    reportMinutes: Number(r.reportMinutes),
  };
}

/** The row with the defaults when there is none yet, so that it can be locked. */
export async function ensureSettingsRow(db: Db, ws: string): Promise<void> {
  await db.execute(
    sql`insert into portfolio_settings (workspace_id) values (${ws}) on conflict (workspace_id) do nothing`,
  );
}

/**
 * One statement, so two saves at once never lose a field: the row is inserted with the defaults
 * and the given fields, or only the given fields are set on the row there is.
 */
export async function upsertSettings(
  db: Db,
  ws: string,
  patch: Partial<PortfolioSettings>,
  now: Date,
): Promise<void> {
  const full = { ...DEFAULT_PORTFOLIO_SETTINGS, ...patch };
  const cols: [keyof PortfolioSettings, string][] = [
    ['concentrationWarnPct', 'concentration_warn_pct'],
    ['touchpointMinutes', 'touchpoint_minutes'],
    ['briefMinutes', 'brief_minutes'],
    ['reviewMinutes', 'review_minutes'],
    ['reportMinutes', 'report_minutes'],
  ];
  const sets = cols.filter(([k]) => patch[k] !== undefined).map(([, c]) => sql.raw(`${c} = excluded.${c}`));
  sets.push(sql`updated_at = excluded.updated_at`);
  await db.execute(
    sql`insert into portfolio_settings (workspace_id, concentration_warn_pct, touchpoint_minutes, brief_minutes,
        review_minutes, report_minutes, updated_at)
      values (${ws}, ${full.concentrationWarnPct}, ${full.touchpointMinutes}, ${full.briefMinutes},
        ${full.reviewMinutes}, ${full.reportMinutes}, ${now.toISOString()}::timestamptz)
      on conflict (workspace_id) do update set ${sql.join(sets, sql`, `)}`,
  );
}

export interface RosterRow {
  id: string;
  name: string;
  tier: number;
  status: string;
  market: string | null;
  createdOn: string;
  ownerUserId: string | null;
  cadenceDaysOverride: number | null;
}

/** Every creator of the workspace (the roster is thousands of rows at most). */
export async function rosterRows(db: Db, ws: string): Promise<RosterRow[]> {
  const rows = await queryRows<RosterRow>(
    db,
    sql`select id::text as id, display_name as name, tier, status::text as status, markets[1] as market,
      to_char(created_at at time zone 'UTC', 'YYYY-MM-DD') as "createdOn", owner_user_id::text as "ownerUserId",
      cadence_days_override as "cadenceDaysOverride"
    from creators where workspace_id = ${ws}`,
  );
  return rows.map((r) => ({
    ...r,
    tier: Number(r.tier),
    cadenceDaysOverride: r.cadenceDaysOverride == null ? null : Number(r.cadenceDaysOverride),
  }));
}

/** Tier and status changes after `afterDay` (creator_events_kind_idx), in the order they happened. */
export async function tierEvents(db: Db, ws: string, afterDay: string): Promise<TierEvent[]> {
  const rows = await queryRows<TierEvent>(
    db,
    sql`select creator_id::text as "creatorId", kind, data->>'from' as "from", data->>'to' as "to",
      to_char(at at time zone 'UTC', 'YYYY-MM-DD') as "on"
    from creator_events
    where workspace_id = ${ws} and kind in ('tier_changed', 'status_changed')
      and at >= (${afterDay}::date + 1)::timestamptz
    order by at, id`,
  );
  return rows.filter((r) => r.from != null && r.to != null);
}

export interface PartnershipRow {
  creatorId: string;
  agreementId: string;
  agreementType: 'annual' | 'retainer';
  startedOn: string;
  extendDecision: string | null;
  collaborationsPerYear: number;
}

/**
 * Each creator's running partnership: their latest annual or retainer agreement that is
 * accepted, active or under notice; the partnership started with the first of their annual or
 * retainer terms that got that far; the extend decision of any of those terms. Collaborations a
 * year: an annual's collaborations per year, a retainer's deliverables per month × 12.
 */
export async function partnershipRows(db: Db, ws: string): Promise<PartnershipRow[]> {
  const rows = await queryRows<PartnershipRow>(
    db,
    sql`with terms as (
      select creator_id, min(starts_on) as started_on, max(extend_decision) as extend_decision
      from agreements
      where workspace_id = ${ws} and type in ('annual', 'retainer')
        and status in ('accepted', 'active', 'notice_given', 'ended')
      group by creator_id
    ), running as (
      select distinct on (creator_id) creator_id, id, type, collaborations_per_year, deliverables_per_month
      from agreements
      where workspace_id = ${ws} and type in ('annual', 'retainer')
        and status in ('accepted', 'active', 'notice_given')
      order by creator_id, starts_on desc, id
    )
    select r.creator_id::text as "creatorId", r.id::text as "agreementId", r.type::text as "agreementType",
      t.started_on::text as "startedOn", t.extend_decision as "extendDecision",
      (case when r.type = 'annual' then coalesce(r.collaborations_per_year, 0)
        else coalesce(r.deliverables_per_month, 0) * 12 end)::int as "collaborationsPerYear"
    from running r join terms t on t.creator_id = r.creator_id`,
  );
  return rows.map((r) => ({ ...r, collaborationsPerYear: Number(r.collaborationsPerYear) }));
}

/** Tier cadences (tier_policies). */
export async function tierCadences(db: Db, ws: string): Promise<Map<number, number | null>> {
  const rows = await queryRows<{ tier: number; cadence: number | null }>(
    db,
    sql`select tier, cadence_days as cadence from tier_policies where workspace_id = ${ws}`,
  );
  return new Map(rows.map((r) => [Number(r.tier), r.cadence == null ? null : Number(r.cadence)]));
}

/** Minutes logged on touchpoints from `from` to `to` (days, inclusive) per person, and those without minutes. */
export async function loggedMinutes(
  db: Db,
  ws: string,
  from: string,
  to: string,
): Promise<{ userId: string | null; minutes: number; unlogged: number }[]> {
  const rows = await queryRows<{ userId: string | null; minutes: number; unlogged: number }>(
    db,
    sql`select by_user_id::text as "userId", coalesce(sum(minutes), 0)::int as minutes,
      (count(*) filter (where minutes is null))::int as unlogged
    from touchpoints
    where workspace_id = ${ws} and occurred_on >= ${from}::date and occurred_on <= ${to}::date
    group by by_user_id`,
  );
  return rows.map((r) => ({ userId: r.userId, minutes: Number(r.minutes), unlogged: Number(r.unlogged) }));
}

/** Names of the workspace's members (owners of creators, authors of touchpoints). */
export async function memberNames(db: Db, ws: string): Promise<Map<string, string>> {
  const rows = await queryRows<{ id: string; name: string }>(
    db,
    sql`select u.id::text as id, u.name from memberships m join users u on u.id = m.user_id
    where m.workspace_id = ${ws}`,
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}
