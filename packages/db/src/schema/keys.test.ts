import { getTableConfig, type PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import * as schema from './index.ts';

/**
 * Every workspace table (a table with a `workspace_id` column) leads its keys with `workspace_id`:
 * its primary key, every unique and plain index, and every foreign key to another workspace table.
 * That is what lets the data be distributed by workspace (Citus, docs/operations/scaling.md) and
 * keeps every lookup within one tenant. A key that does not is named below with the reason it may
 * stay; a new table or index that breaks the rule without a line here fails this test.
 *
 * Foreign keys to installation-wide tables (`users`, `workspaces`) are not checked: under Citus
 * those are reference tables, copied to every node, and a distributed table may point to them.
 */

const tables: PgTable[] = Object.values(schema as Record<string, unknown>).filter(
  (t): t is PgTable => t instanceof PgTable,
);
const config = (t: PgTable) => getTableConfig(t);
const isWorkspaceTable = (t: PgTable) => config(t).columns.some((c) => c.name === 'workspace_id');
const installationTables = new Set(tables.filter((t) => !isWorkspaceTable(t)).map((t) => config(t).name));

/**
 * Tables whose primary key is a surrogate `id` alone (uuid from gen_random_uuid(), or bigserial):
 * globally unique by construction, so two workspaces can never share one, and every query finds a
 * row by `workspace_id` *and* `id`. The same reason covers the single-column foreign keys that point
 * at them (`creator_id` → creators.id …). Under Citus each becomes (workspace_id, id), with the
 * foreign keys (workspace_id, x_id): one migration, listed in docs/operations/scaling.md.
 */
const SURROGATE_ID =
  'surrogate id alone, globally unique (uuid or bigserial); becomes (workspace_id, id) for Citus';
const SURROGATE_ID_TABLES = [
  'agreements',
  'api_tokens',
  'audience_snapshots',
  'audit_log',
  'brief_acceptances',
  'briefs',
  'budgets',
  'campaigns',
  'creator_events',
  'creator_insights',
  'creator_issues',
  'creator_ratings',
  'creators',
  'deliverable_screenshots',
  'deliverables',
  'exchange_rates',
  'import_runs',
  'invitations',
  'message_templates',
  'metric_snapshots',
  'monthly_summaries',
  'orders',
  'outbox_messages',
  'payment_invoices',
  'payments',
  'portal_access',
  'suggestion_decisions',
  'touchpoints',
  'trackers',
  'webhook_log',
];

/** Indexes that do not start with workspace_id, each with why. */
const INDEX_EXCEPTIONS: Record<string, string> = {
  'api_tokens.api_tokens_hash_key':
    'a bearer token is looked up by its hash before its workspace is known; globally unique',
  'invitations.invitations_token_key':
    'an invitation link is opened before its workspace is known; globally unique token hash',
  'calendar_feeds.calendar_feeds_token_key':
    'a calendar app fetches the feed by its token alone (no cookie, no workspace); globally unique',
  'calendar_feeds.calendar_feeds_user_idx': 'deleting an account finds its feeds in every workspace',
  'memberships.memberships_user_idx': 'the workspace switcher lists one account’s workspaces',
  'portal_access.portal_access_email_idx':
    'a creator signs in to the portal by email before choosing a workspace',
  'outbox_messages.outbox_due_idx':
    'the outbox sender claims due messages of every workspace (and account mail with no workspace)',
  'import_runs.import_runs_running_idx':
    'a starting server marks every workspace’s runs of dead processes interrupted',
  'webhook_deliveries.webhook_deliveries_time_idx': 'the vacuum job trims old deliveries of every workspace',
  'metric_snapshots.metric_snapshots_deliverable_idx':
    'cascading deletes of a post look its snapshots up by deliverable_id alone (a surrogate id)',
  'touchpoints.touchpoints_outbox_key': 'one touchpoint per sent message: outbox ids are surrogate ids',
  'agreements.agreements_previous_key': 'one next term per agreement: agreement ids are surrogate ids',
  'creators.creators_tags_idx': 'a GIN index over tags (GIN has no leading column to order by)',
};

function problems(): string[] {
  const found: string[] = [];
  for (const t of tables.filter(isWorkspaceTable)) {
    const c = config(t);
    const pk: PgColumn[] = c.primaryKeys[0]?.columns ?? c.columns.filter((col) => col.primary);
    if (pk[0]?.name !== 'workspace_id' && !SURROGATE_ID_TABLES.includes(c.name))
      found.push(`${c.name}: primary key (${pk.map((x) => x.name).join(', ')})`);
    for (const i of c.indexes) {
      const first = i.config.columns[0] as { name?: string } | undefined;
      if (first?.name === 'workspace_id') continue;
      if (!INDEX_EXCEPTIONS[`${c.name}.${i.config.name}`])
        found.push(`${c.name}: index ${i.config.name} does not start with workspace_id`);
    }
    for (const fk of c.foreignKeys) {
      const ref = fk.reference();
      const target = config(ref.foreignTable).name;
      if (installationTables.has(target)) continue; // users, workspaces: reference tables
      if (ref.columns[0]?.name === 'workspace_id') continue;
      if (!SURROGATE_ID_TABLES.includes(target))
        found.push(`${c.name}: foreign key (${ref.columns.map((x) => x.name).join(', ')}) → ${target}`);
    }
  }
  return found;
}

describe('workspace tables lead their keys with workspace_id', () => {
  it('has no key that does not, apart from the exceptions listed with their reasons', () => {
    expect(problems()).toEqual([]);
  });

  it('lists no exception that is not needed (a fixed key leaves the list)', () => {
    const byName = new Map(tables.map((t) => [config(t).name, config(t)]));
    for (const name of SURROGATE_ID_TABLES) {
      const c = byName.get(name);
      expect(c, name).toBeDefined();
      const pk = c!.primaryKeys[0]?.columns ?? c!.columns.filter((col) => col.primary);
      expect(
        pk.map((x) => x.name),
        `${name}: ${SURROGATE_ID}`,
      ).toEqual(['id']);
    }
    for (const key of Object.keys(INDEX_EXCEPTIONS)) {
      const [table, index] = key.split('.');
      const i = byName.get(table!)?.indexes.find((x) => x.config.name === index);
      expect(i, key).toBeDefined();
      expect((i!.config.columns[0] as { name?: string }).name, key).not.toBe('workspace_id');
    }
  });

  it('sees the workspace tables (the check is not vacuous)', () => {
    const names = tables.filter(isWorkspaceTable).map((t) => config(t).name);
    expect(names).toEqual(expect.arrayContaining(['creators', 'orders', 'customer_facts', 'memberships']));
    expect(names.length).toBeGreaterThan(40);
    expect([...installationTables].sort()).toEqual(
      [
        'installation',
        'password_resets',
        'portal_links',
        'portal_sessions',
        'sessions',
        'sign_in_attempts',
        'users',
        'workspaces',
      ].sort(),
    );
  });
});
