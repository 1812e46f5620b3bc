import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSecretBox, reportForCli, systemClock } from '@evergreen/core';
import {
  audienceSnapshots,
  creatorHandles,
  creatorRatings,
  type Database,
  type Db,
  deliverableScreenshots,
  importMappings,
  paymentInvoices,
  queryRows,
  scoreOverrides,
  suggestionDecisions,
  webhookLog,
} from '@evergreen/db';
import { openTestDatabase } from '@evergreen/db/testing';
import { sql } from 'drizzle-orm';
import { create, extract } from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ARCHIVE_FORMAT_VERSION,
  archivePlan,
  EXCLUDED_TABLES,
  exportWorkspace,
  type ImportResult,
  importArchive,
  type Manifest,
  workspaceTableNames,
} from '../archive.ts';
import { acceptedAgreement } from '../testing/factories/agreements.ts';
import { campaignWithBrief } from '../testing/factories/campaigns.ts';
import {
  creatorWithPost,
  importOrdersCsv,
  ORDERS_HEADER,
  refreshFacts,
} from '../testing/factories/performance.ts';
import { createCreator, logTouchpoint } from '../testing/factories/roster.ts';
import { newMember } from '../testing/factories/team.ts';
import { newWorkspace, type WorkspaceClient } from '../testing/factories/workspace.ts';
import { createTestApp, type Session, type TestApp } from '../testing/harness.ts';

/**
 * `evergreen export` / `import-archive` (docs/operations/archives.md): a workspace touching most
 * tables goes out to an archive and into a fresh installation (another database, another
 * encryption key); every table's rows and the reports are the same there, ids apart.
 */

let t: TestApp;
let owner: Session;
let manager: Session;
let w: WorkspaceClient;
let target: Database;
let dir: string;
const targetBox = createSecretBox(randomBytes(32));
const SLUG_BEFORE = 'glow-archive';
const REPORTS = ['creators', 'engagement', 'conversion-lag', 'compounding', 'partnerships-vs-one-offs'];

/** A workspace with rows in (nearly) every table. */
async function buildWorkspace() {
  owner = await t.signUp('Olga Owner');
  w = await newWorkspace(t, owner, 'Glow');
  await t.database.db.execute(sql`update workspaces set slug = ${SLUG_BEFORE} where id = ${w.ws}`);
  manager = await newMember(t, owner, w.ws, 'manager', 'Maria Manager');
  const db = t.database.db;

  const anna = await creatorWithPost(w, 'Anna', {
    postedAt: '2026-03-01T10:00:00Z',
    code: 'ANNA10',
    costMinor: 50_000,
  });
  const boris = await creatorWithPost(w, 'Boris', {
    postedAt: '2026-03-05T10:00:00Z',
    utmSource: 'boris',
    tier: 2,
  });
  await w.ok('PUT', `/creators/${anna}/payment-details`, {
    paymentDetails: {
      method: 'bank_transfer',
      account: 'DE89 3704 0044 0532 0130 00',
      accountHolder: 'Anna A.',
    },
  });
  await logTouchpoint(w, anna, '2026-03-10');
  await logTouchpoint(w, boris, '2026-03-12', { as: manager });
  const a = await acceptedAgreement(w, 'Carla', {
    type: 'retainer',
    startsOn: '2026-01-01',
    termMonths: 12,
    monthlyFeeMinor: 300_000,
  });
  await w.ok('POST', `/agreements/${a.id}/renew`, { monthlyFeeMinor: 310_000 });
  await campaignWithBrief(w, anna);
  await w.ok('POST', '/exchange-rates', { currency: 'EUR', onDate: '2026-01-01', rate: '1.0812345678' });
  await w.ok('POST', '/budgets', { fiscalYear: 2026, totalMinor: 10_000_000 });
  await w.ok('POST', '/payments/generate');
  await w.ok('PUT', '/selection/settings', {
    weights: { performance: 25, stability: 20, fit: 40, growth: 15 },
    escalationPath: ['Account manager'],
  });
  await w.ok('POST', `/creators/${boris}/issues`, { title: 'Late post', severity: 'low' });
  await w.ok('POST', `/creators/${anna}/insights`, {
    kind: 'trend',
    market: 'DE',
    body: 'Sourdough is back',
  });
  // Tables the API fills in ways too long for this test: straight in.
  const [post] = await queryRows<{ id: string }>(
    db,
    sql`select id from deliverables where workspace_id = ${w.ws} and creator_id = ${anna}`,
  );
  await db.execute(sql`insert into metric_snapshots (workspace_id, deliverable_id, captured_at, reach, likes, source)
    values (${w.ws}, ${post!.id}, '2026-03-02T10:00:00Z', 2500, 90, 'manual'),
           (${w.ws}, ${post!.id}, '2026-03-08T10:00:00Z', 4000, 150, 'manual')`);
  await db.execute(sql`insert into creator_score_history (workspace_id, creator_id, day, score)
    values (${w.ws}, ${anna}, '2026-03-01', 72), (${w.ws}, ${anna}, '2026-03-09', 64)`);
  await db.execute(sql`insert into creator_rates (workspace_id, creator_id, deliverable_type, amount_minor, currency)
    values (${w.ws}, ${anna}, 'reel', 120000, 'USD')`);
  await db.insert(deliverableScreenshots).values({
    workspaceId: w.ws,
    deliverableId: post!.id,
    filename: 'stats.png',
    contentType: 'image/png',
    sizeBytes: 8,
    data: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    byCreator: true,
    uploadedAt: new Date('2026-03-09T10:00:00Z'),
  });
  await db.execute(sql`insert into agreement_rates (workspace_id, agreement_id, deliverable_type, amount_minor, currency)
    values (${w.ws}, ${a.id}, 'reel', 110000, 'USD')`);
  await db
    .insert(creatorHandles)
    .values({ workspaceId: w.ws, creatorId: anna, platform: 'instagram', handle: 'anna.bakes' });
  await db.insert(audienceSnapshots).values({
    workspaceId: w.ws,
    creatorId: anna,
    capturedOn: '2026-03-01',
    platform: 'instagram',
    followers: 120_000,
    avgEngagementRatePct: '4.10',
  });
  await db.insert(creatorRatings).values([
    { workspaceId: w.ws, creatorId: anna, criterion: 'quality', score: 4, byUserId: owner.me.user.id },
    { workspaceId: w.ws, creatorId: anna, criterion: 'quality', score: 5, byUserId: manager.me.user.id },
  ]);
  await db
    .insert(scoreOverrides)
    .values({ workspaceId: w.ws, creatorId: boris, score: 70, reason: 'gut', byUserId: owner.me.user.id });
  await db.insert(suggestionDecisions).values({
    workspaceId: w.ws,
    creatorId: boris,
    kind: 'review',
    decision: 'dismissed',
    quietUntil: '2026-06-01',
  });
  await db
    .insert(webhookLog)
    .values({ workspaceId: w.ws, receiver: 'generic', httpStatus: 200, outcome: 'accepted' });
  await db.insert(importMappings).values({
    workspaceId: w.ws,
    kind: 'orders',
    name: 'Shop',
    headerKey: 'a,b',
    mapping: { columns: { a: 'external_id' }, options: {} },
  });
  const [payment] = await queryRows<{ id: string }>(
    db,
    sql`select id from payments where workspace_id = ${w.ws} limit 1`,
  );
  await db.insert(paymentInvoices).values({
    workspaceId: w.ws,
    paymentId: payment!.id,
    filename: 'inv.pdf',
    contentType: 'application/pdf',
    sizeBytes: 5,
    data: Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00]),
  });
  await db.execute(
    sql`insert into portfolio_settings (workspace_id, concentration_warn_pct) values (${w.ws}, 70)`,
  );
  await db.execute(sql`insert into tier_policies (workspace_id, tier, name, budget_share_pct, cadence_days)
    values (${w.ws}, 1, 'Core', '50.00', 14) on conflict do nothing`);
  await db.execute(
    sql`insert into webhook_deliveries (workspace_id, signature) values (${w.ws}, 'shopify:1')`,
  );
  await db.execute(sql`insert into portal_access (workspace_id, creator_id, email, created_at)
    values (${w.ws}, ${anna}, 'anna@example.test', now())`);
  await db.execute(sql`insert into monthly_summary_settings (workspace_id, creator_id, enabled, note, updated_by, updated_at)
    values (${w.ws}, ${anna}, true, 'Thanks for March!', ${owner.me.user.id}, now())`);
  await db.execute(sql`insert into monthly_summaries (workspace_id, creator_id, month, status, created_at)
    values (${w.ws}, ${boris}, '2026-03', 'opted_out', now())`);
  await db.execute(
    sql`insert into message_templates (workspace_id, key, name) values (${w.ws}, 'hello', 'Hello')`,
  );
  await db.execute(sql`insert into message_template_variants (workspace_id, template_id, language, subject, body)
    select ${w.ws}, id, 'en', 'Hi', 'Hello {{firstName}}' from message_templates where workspace_id = ${w.ws}`);
  await db.execute(sql`insert into outbox_messages (workspace_id, kind, dedupe_key, to_address, subject, body_text, meta, status)
    values (${w.ws}, 'creator_message', 'k1', 'anna@example.test', 'Hi', 'Hello', ${JSON.stringify({ creatorId: anna })}::jsonb, 'sent'),
           (${w.ws}, 'creator_message', 'k2', 'anna@example.test', 'Hi again', 'Hello', null, 'queued')`);
  await createCreator(w, 'Dina', { tier: 3, status: 'prospect' });
  await refreshFacts(w);
  // Orders: code and link attribution, a repeat customer, a refund, an unattributed one.
  const orders = [
    ORDERS_HEADER,
    'o1,c1,2026-03-02T12:00:00Z,100.00,USD,ANNA10,,,',
    'o2,c1,2026-03-20T12:00:00Z,40.00,USD,,,,',
    'o3,c2,2026-03-06T12:00:00Z,55.50,USD,,boris,spring,',
    'o4,c3,2026-03-07T12:00:00Z,20.00,USD,,,,',
    'o5,c4,2026-03-03T09:00:00Z,80.00,EUR,ANNA10,,,',
  ].join('\n');
  const run = await importOrdersCsv(w, orders);
  expect(run.status).toBe('done');
}

beforeAll(async () => {
  t = await createTestApp();
  await buildWorkspace();
  target = await openTestDatabase();
  dir = mkdtempSync(join(tmpdir(), 'archive-test-'));
}, 120_000);

afterAll(async () => {
  await t?.close();
  await target?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The rows of one table of a workspace, as the archive writes them (numeric as text, bytea as hex). */
async function tableRows(db: Db, table: string, ws: string): Promise<Record<string, unknown>[]> {
  const plan = archivePlan().find((p) => p.name === table)!;
  const cols = plan.columns.map((c) =>
    c.type.startsWith('numeric') ? `"${c.name}"::text as "${c.name}"` : `"${c.name}"`,
  );
  const where =
    table === 'workspaces'
      ? `id = '${ws}'`
      : table === 'users'
        ? `id in (select user_id from memberships where workspace_id = '${ws}')`
        : `workspace_id = '${ws}'`;
  const rows = await queryRows<{ j: string }>(
    db,
    sql.raw(
      `select to_jsonb(t)::text as j from (select ${cols.join(', ')} from "${table}" where ${where}) t`,
    ),
  );
  return rows.map((r) => JSON.parse(r.j) as Record<string, unknown>);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a source row must look like after the import: ids mapped, fields import changes set. */
function expected(table: string, row: Record<string, unknown>, r: ImportResult, users: Map<string, string>) {
  const plan = archivePlan().find((p) => p.name === table)!;
  const out: Record<string, unknown> = {};
  const any = (v: unknown): unknown =>
    typeof v === 'string' && UUID.test(v)
      ? v === r.manifest.workspace.id
        ? r.workspaceId
        : (users.get(v) ?? r.mapId(v))
      : Array.isArray(v)
        ? v.map(any)
        : v && typeof v === 'object'
          ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, any(x)]))
          : v;
  for (const c of plan.columns) {
    const v = row[c.name];
    if (c.kind === 'serial') continue;
    out[c.name] =
      v === null
        ? null
        : c.kind === 'workspace'
          ? r.workspaceId
          : c.kind === 'user'
            ? users.get(v as string)
            : c.kind === 'token'
              ? null
              : c.kind === 'uuid'
                ? r.mapId(v as string)
                : c.kind === 'json' || c.kind === 'id_text'
                  ? any(v)
                  : v;
  }
  if (table === 'workspaces') out.slug = r.slug;
  if (table === 'outbox_messages' && (row.status === 'queued' || row.status === 'sending')) {
    out.status = 'cancelled';
    out.last_error = 'imported from a workspace archive before it was sent';
  }
  if (table === 'users') out.id = users.get(row.id as string);
  return out;
}

/**
 * Rows as comparable text, without the columns in `drop`. Tables with a bigserial id keep the
 * order of their ids (a new installation numbers them anew, in the archive's order); others sort.
 */
const canon = (rows: Record<string, unknown>[], drop: string[], serial: boolean) => {
  const ordered = serial ? [...rows].sort((a, b) => Number(a.id) - Number(b.id)) : rows;
  const text = ordered.map((r) =>
    JSON.stringify(
      Object.fromEntries(
        Object.entries(r)
          .filter(([k]) => !drop.includes(k) && !(serial && k === 'id'))
          .sort(),
      ),
    ),
  );
  return serial ? text : text.sort();
};

/** customer_facts.first_order_id is a bigserial id of this installation: compare the order's external id. */
async function customerFacts(db: Db, ws: string) {
  return queryRows<Record<string, unknown>>(
    db,
    sql`select cf.customer_id, o.external_id as first_order, cf.first_ordered_at::text, cf.acquired_by_creator_id,
      cf.acquired_by_deliverable_id, cf.second_ordered_at::text, cf.order_count
      from customer_facts cf join orders o on o.id = cf.first_order_id where cf.workspace_id = ${ws} order by cf.customer_id`,
  );
}

describe('workspace archive', () => {
  let file: string;
  let manifest: Manifest;
  let result: ImportResult;

  it('archives every workspace table, or names why not', () => {
    const archived = new Set(archivePlan().map((p) => p.name));
    for (const name of workspaceTableNames())
      expect(
        archived.has(name) || EXCLUDED_TABLES[name] !== undefined,
        `${name}: archived or excluded with a reason`,
      ).toBe(true);
    for (const name of Object.keys(EXCLUDED_TABLES)) expect(archived.has(name), name).toBe(false);
  });

  it('exports a manifest, JSON Lines for every table, CSV for the main ones', async () => {
    file = join(dir, 'glow.tar.gz');
    manifest = await exportWorkspace(t.database.db, {
      slug: SLUG_BEFORE,
      file,
      box: t.deps.box,
      includePaymentDetails: true,
    });
    expect(manifest.formatVersion).toBe(ARCHIVE_FORMAT_VERSION);
    expect(manifest.workspace).toEqual({ id: w.ws, slug: SLUG_BEFORE, name: 'Glow' });
    const rowsOf = (name: string) => manifest.files.find((f) => f.name === name)?.rows;
    expect(rowsOf('orders.jsonl')).toBe(5);
    expect(rowsOf('orders.csv')).toBe(5);
    expect(rowsOf('creators.jsonl')).toBe(4);
    expect(rowsOf('memberships.jsonl')).toBe(2);
    expect(rowsOf('users.jsonl')).toBe(2);
    expect(rowsOf('customer_facts.jsonl')).toBe(4);
    // Every archived table has a file, and the fixture fills nearly all of them.
    for (const p of archivePlan()) expect(rowsOf(`${p.name}.jsonl`), p.name).toBeDefined();
    const empty = manifest.files.filter((f) => f.format === 'jsonl' && f.rows === 0).map((f) => f.table);
    expect(empty.sort()).toEqual(['brief_acceptances']);

    const out = join(dir, 'unpacked');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(out);
    await extract({ file, cwd: out });
    const creators = readFileSync(join(out, 'creators.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const annaRow = creators.find((c) => c.display_name === 'Anna');
    expect(JSON.parse(annaRow.payment_details)).toMatchObject({ account: 'DE89 3704 0044 0532 0130 00' });
    expect(annaRow).not.toHaveProperty('payment_details_enc');
    const users = readFileSync(join(out, 'users.jsonl'), 'utf8');
    expect(users).not.toContain('password_hash');
    expect(readFileSync(join(out, 'workspaces.jsonl'), 'utf8')).not.toContain('webhook_secret');
    const csv = readFileSync(join(out, 'orders.csv'), 'utf8');
    expect(csv.startsWith('\uFEFFid,workspace_id,external_id,customer_id')).toBe(true);
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(6);
    expect(readFileSync(join(out, 'exchange_rates.jsonl'), 'utf8')).toContain(
      '"rate": "1.0812345678"'.replace(': ', ':'),
    );
  });

  it('imports it into another installation: every row equal, ids mapped, reports equal', async () => {
    const before = await Promise.all(
      REPORTS.map((name) =>
        reportForCli(
          { db: t.database.db, clock: systemClock },
          { name, workspace: SLUG_BEFORE, from: '2026-01-01', to: '2026-12-31' },
        ).catch((e: Error) => `error: ${e.message}`),
      ),
    );
    result = await importArchive(target.db, { file, slug: 'glow', box: targetBox });
    expect(result.slug).toBe('glow');
    expect(result.createdUsers.sort()).toEqual([owner.email, manager.email].sort());
    // People: the same emails, new accounts without passwords.
    const users = new Map<string, string>();
    for (const u of await tableRows(t.database.db, 'users', w.ws)) {
      const [here] = await queryRows<{ id: string; password_hash: string | null }>(
        target.db,
        sql`select id, password_hash from users where lower(email) = lower(${u.email as string})`,
      );
      expect(here?.password_hash).toBeNull();
      users.set(u.id as string, here!.id);
    }
    for (const plan of archivePlan()) {
      if (plan.name === 'customer_facts') continue; // compared below through the orders' external ids
      const src = await tableRows(t.database.db, plan.name, w.ws);
      let dst = await tableRows(target.db, plan.name, result.workspaceId);
      if (plan.name === 'audit_log') {
        // One entry more: the import itself, last.
        const last = dst.reduce((a, b) => (Number(b.id) > Number(a.id) ? b : a));
        expect(last).toMatchObject({
          action: 'workspace.imported',
          entity_id: result.workspaceId,
          actor_user_id: null,
          changes: { archivedWorkspace: { id: w.ws, slug: SLUG_BEFORE }, includesPaymentDetails: true },
        });
        dst = dst.filter((r) => r !== last);
      }
      // A person new here was created now.
      const drop = plan.name === 'users' ? ['created_at'] : [];
      const serial = plan.columns.some((c) => c.kind === 'serial');
      const want = src.map((r) => ({
        ...expected(plan.name, r, result, users),
        ...(serial ? { id: r.id } : {}),
      }));
      expect(canon(dst, drop, serial), plan.name).toEqual(canon(want, drop, serial));
    }
    const cfBefore = (await customerFacts(t.database.db, w.ws)).map((r) => ({
      ...r,
      acquired_by_creator_id: r.acquired_by_creator_id
        ? result.mapId(r.acquired_by_creator_id as string)
        : null,
      acquired_by_deliverable_id: r.acquired_by_deliverable_id
        ? result.mapId(r.acquired_by_deliverable_id as string)
        : null,
    }));
    expect(await customerFacts(target.db, result.workspaceId)).toEqual(cfBefore);
    expect(cfBefore).toHaveLength(4);
    // Payment details: sealed again with the new installation's key.
    const [enc] = await queryRows<{ payment_details_enc: string; payment_details_mask: string }>(
      target.db,
      sql`select payment_details_enc, payment_details_mask from creators where workspace_id = ${result.workspaceId} and display_name = 'Anna'`,
    );
    expect(JSON.parse(targetBox.open(enc!.payment_details_enc))).toMatchObject({
      account: 'DE89 3704 0044 0532 0130 00',
    });
    // Reports: the same numbers, under the new ids.
    const after = await Promise.all(
      REPORTS.map((name) =>
        reportForCli(
          { db: target.db, clock: systemClock },
          { name, workspace: 'glow', from: '2026-01-01', to: '2026-12-31' },
        ).catch((e: Error) => `error: ${e.message}`),
      ),
    );
    const mapText = (s: string) =>
      s.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (id) =>
        id === w.ws ? result.workspaceId : (users.get(id) ?? result.mapId(id)),
      );
    expect(after).toEqual(before.map(mapText));
    for (const r of before) expect(r).not.toMatch(/^error/);
    expect(before[0]).toContain('Anna');
  });

  it('imports the same archive again as another workspace: new ids, no collision', async () => {
    const again = await importArchive(target.db, { file, slug: 'glow-2', box: targetBox });
    expect(again.workspaceId).not.toBe(result.workspaceId);
    expect(again.mapId(w.ws)).not.toBe(result.mapId(w.ws));
    expect(again.matchedUsers.sort()).toEqual(result.createdUsers.sort());
    const [n] = await queryRows<{ n: number }>(
      target.db,
      sql`select count(*)::int as n from orders where workspace_id = ${again.workspaceId}`,
    );
    expect(n!.n).toBe(5);
  });

  it('reads an archive repacked with the system tar ("./" entries)', async () => {
    const d = join(dir, 'repacked');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(d);
    await extract({ file, cwd: d });
    const out = join(dir, 'repacked.tar.gz');
    await create({ gzip: true, file: out, cwd: d }, ['.']);
    const r = await importArchive(target.db, { file: out, slug: 'glow-repacked', box: targetBox });
    expect(r.rows.orders).toBe(5);
  });

  describe('hostile archives: a clear error, nothing written', () => {
    const counts = async () =>
      (
        await queryRows<{ w: number; u: number; o: number }>(
          target.db,
          sql`select (select count(*)::int from workspaces) as w, (select count(*)::int from users) as u, (select count(*)::int from orders) as o`,
        )
      )[0];

    /** The archive unpacked, changed by `edit`, packed again (manifest checksums recomputed unless told). */
    async function tampered(name: string, edit: (d: string, m: Manifest) => void, rehash = true) {
      const d = join(dir, name);
      const { mkdirSync, readdirSync } = await import('node:fs');
      const { createHash } = await import('node:crypto');
      mkdirSync(d);
      await extract({ file, cwd: d });
      const m = JSON.parse(readFileSync(join(d, 'manifest.json'), 'utf8')) as Manifest;
      edit(d, m);
      if (rehash)
        for (const f of m.files)
          f.sha256 = createHash('sha256')
            .update(readFileSync(join(d, f.name)))
            .digest('hex');
      writeFileSync(join(d, 'manifest.json'), JSON.stringify(m));
      const out = join(dir, `${name}.tar.gz`);
      await create({ gzip: true, file: out, cwd: d }, readdirSync(d));
      return out;
    }

    it('refuses a newer format version, naming it', async () => {
      const seen = await counts();
      const f = await tampered('newer', (_d, m) => {
        m.formatVersion = ARCHIVE_FORMAT_VERSION + 1;
      });
      await expect(importArchive(target.db, { file: f, slug: 'x1', box: targetBox })).rejects.toThrow(
        `is archive format ${ARCHIVE_FORMAT_VERSION + 1}`,
      );
      expect(await counts()).toEqual(seen);
    });

    it('refuses a truncated file', async () => {
      const seen = await counts();
      const bytes = readFileSync(file);
      const cut = join(dir, 'cut.tar.gz');
      writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
      await expect(importArchive(target.db, { file: cut, slug: 'x2', box: targetBox })).rejects.toThrow(
        /not a complete workspace archive|is missing|checksum/,
      );
      expect(await counts()).toEqual(seen);
    });

    it('refuses a data file changed without its checksum', async () => {
      const seen = await counts();
      const f = await tampered(
        'changed',
        (d) =>
          writeFileSync(
            join(d, 'orders.jsonl'),
            readFileSync(join(d, 'orders.jsonl'), 'utf8').replace('"o1"', '"o9"'),
          ),
        false,
      );
      await expect(importArchive(target.db, { file: f, slug: 'x3', box: targetBox })).rejects.toThrow(
        'orders.jsonl does not match its checksum',
      );
      expect(await counts()).toEqual(seen);
    });

    it('refuses a row of another workspace', async () => {
      const seen = await counts();
      const other = await newWorkspace(t, owner, 'Other');
      const f = await tampered('foreign-ws', (d) => {
        const p = join(d, 'touchpoints.jsonl');
        const lines = readFileSync(p, 'utf8').trim().split('\n');
        const row = JSON.parse(lines[0]!);
        row.workspace_id = other.ws;
        lines[0] = JSON.stringify(row);
        writeFileSync(p, `${lines.join('\n')}\n`);
      });
      await expect(importArchive(target.db, { file: f, slug: 'x4', box: targetBox })).rejects.toThrow(
        `touchpoints.jsonl line 1: workspace_id ${other.ws} is not the archived workspace`,
      );
      expect(await counts()).toEqual(seen);
    });

    it('refuses a row pointing to another workspace’s creator, and a derived column doing the same', async () => {
      const seen = await counts();
      const other = await newWorkspace(t, owner, 'Other 2');
      const stranger = await createCreator(other, 'Stranger');
      const fk = await tampered('foreign-fk', (d) => {
        const p = join(d, 'touchpoints.jsonl');
        const lines = readFileSync(p, 'utf8').trim().split('\n');
        const row = JSON.parse(lines[0]!);
        row.creator_id = stranger;
        lines[0] = JSON.stringify(row);
        writeFileSync(p, `${lines.join('\n')}\n`);
      });
      await expect(importArchive(target.db, { file: fk, slug: 'x5', box: targetBox })).rejects.toThrow(
        /touchpoints\.jsonl lines 1–2: a row refers to a row that is not in the archive/,
      );
      const soft = await tampered('foreign-soft', (d) => {
        const p = join(d, 'orders.jsonl');
        const lines = readFileSync(p, 'utf8').trim().split('\n');
        const row = JSON.parse(lines[0]!);
        row.attributed_creator_id = stranger;
        lines[0] = JSON.stringify(row);
        writeFileSync(p, `${lines.join('\n')}\n`);
      });
      await expect(importArchive(target.db, { file: soft, slug: 'x6', box: targetBox })).rejects.toThrow(
        'orders.jsonl: 1 row(s) point (attributed_creator_id) to creators that are not in the archive',
      );
      expect(await counts()).toEqual(seen);
    });

    it('refuses a slug already taken', async () => {
      await expect(importArchive(target.db, { file, slug: 'glow', box: targetBox })).rejects.toThrow(
        'A workspace with slug "glow" exists',
      );
    });
  });
});
