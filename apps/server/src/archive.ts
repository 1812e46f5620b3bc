import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  type WriteStream,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { neutralise, recordAudit, refreshCustomerFacts, type SecretBox } from '@evergreen/core';
import * as schema from '@evergreen/db';
import { type Db, queryRows } from '@evergreen/db';
import { sql } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { create, extract, type ReadEntry } from 'tar';
import { refusedEntry } from './backup.ts';
import { version as evergreenVersion } from './version.ts';

/**
 * Workspace archives (docs/operations/archives.md): `evergreen export --workspace SLUG` writes one
 * workspace — every row of every workspace table, as JSON Lines, plus CSV copies of the main
 * tables for spreadsheets, and a manifest describing each file — into a .tar.gz; `evergreen
 * import-archive` brings it into another installation as a new workspace, in one transaction.
 * Both stream: rows go through a database cursor to files and from files in batches, so memory
 * does not grow with the workspace.
 */

export const ARCHIVE_FORMAT = 'evergreen-workspace-archive';
/** Raise it when an older Evergreen could no longer read what this one writes. */
export const ARCHIVE_FORMAT_VERSION = 1;

/** Workspace tables left out of an archive, each with why. A test fails when a workspace table is neither archived nor here. */
export const EXCLUDED_TABLES: Record<string, string> = {
  api_tokens:
    'credentials: only token hashes are stored, useless elsewhere and not to be carried around; create new tokens after importing',
  invitations:
    'pending invitation links are credentials (token hashes) of this installation; invite again after importing',
  calendar_feeds:
    'a calendar feed URL is a credential (token hash) of this installation; each person makes a new feed',
  idempotency_keys:
    'a 24-hour replay cache of API responses (holding this installation’s ids); nothing to keep',
  workspace_changes:
    'which transactions of this installation wrote the workspace (kept answers, decision 0023): its transaction ids mean nothing elsewhere',
  creator_score_facts:
    'a cache of each creator’s score facts (decision 0021): the triggers make its rows as the posts, ratings, issues and snapshots go in, and the next read computes them',
};

/** Columns never written to an archive, each with why. */
export const EXCLUDED_COLUMNS: Record<string, string> = {
  'workspaces.order_webhook_secret':
    'a credential sealed with this installation’s key; the importing owner sets new webhook secrets',
  'workspaces.shopify_webhook_secret': 'as above (paste the Shopify secret again)',
  'workspaces.woocommerce_webhook_secret': 'as above (paste the WooCommerce secret again)',
  'creators.payment_details_enc':
    'sealed with this installation’s key: written decrypted as `payment_details` only with --include-payment-details',
  'users.password_hash': 'never exported: imported people set a password on the new installation',
  'users.is_instance_owner': 'a role on this installation, not part of the workspace',
  'users.is_demo': 'a property of this installation’s demo',
};

/** Archived tables rebuilt on import from the rows they derive from, instead of read back. */
const REBUILT: Record<string, string> = {
  customer_facts:
    'derived from orders (first order, who acquired the customer, second order): recomputed from the imported orders',
  creator_period_facts:
    'derived from orders and customer_facts by triggers (migration 0010): recomputed by them as the rows go in',
};

/** Main tables also written as CSV, for spreadsheets (file name → table). */
const CSV_TABLES: Record<string, string> = {
  creators: 'creators.csv',
  touchpoints: 'touchpoints.csv',
  agreements: 'agreements.csv',
  campaigns: 'campaigns.csv',
  deliverables: 'posts.csv',
  metric_snapshots: 'post-metrics.csv',
  trackers: 'trackers.csv',
  orders: 'orders.csv',
  payments: 'payments.csv',
  budgets: 'budgets.csv',
};

/**
 * Uuid columns without a foreign key that point to rows of the archive (derived columns: a
 * million-row import should not pay for foreign keys). Import checks each points into the new
 * workspace, as the foreign keys do for the rest.
 */
const SOFT_REFERENCES: { table: string; column: string; to: string }[] = [
  { table: 'agreements', column: 'previous_agreement_id', to: 'agreements' },
  { table: 'orders', column: 'attributed_creator_id', to: 'creators' },
  { table: 'orders', column: 'attributed_deliverable_id', to: 'deliverables' },
];

type ColumnKind = 'workspace' | 'user' | 'token' | 'uuid' | 'serial' | 'json' | 'id_text' | 'value';

interface ColumnPlan {
  name: string;
  /** The SQL type, as the manifest describes it. */
  type: string;
  notNull: boolean;
  kind: ColumnKind;
  references?: string;
}

interface TablePlan {
  name: string;
  columns: ColumnPlan[];
  /** Primary key columns: the order rows are written in. */
  key: string[];
  csv?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const tables: PgTable[] = Object.values(schema as Record<string, unknown>).filter(
  (t): t is PgTable => t instanceof PgTable,
);

function columnPlan(table: PgTable): { columns: ColumnPlan[]; key: string[] } {
  const c = getTableConfig(table);
  const refs = new Map<string, string>();
  for (const fk of c.foreignKeys) {
    const r = fk.reference();
    if (r.columns.length === 1) refs.set(r.columns[0]!.name, getTableConfig(r.foreignTable).name);
  }
  const columns = c.columns
    .filter((col) => !EXCLUDED_COLUMNS[`${c.name}.${col.name}`])
    .map((col): ColumnPlan => {
      const references = refs.get(col.name);
      const type = col.getSQLType();
      let kind: ColumnKind = 'value';
      if (col.name === 'workspace_id' || (c.name === 'workspaces' && col.name === 'id')) kind = 'workspace';
      else if (references === 'users' || (c.name === 'users' && col.name === 'id')) kind = 'user';
      else if (references === 'api_tokens') kind = 'token';
      else if (col.columnType === 'PgBigSerial53') kind = 'serial';
      else if (type === 'uuid') kind = 'uuid';
      else if (type === 'jsonb') kind = 'json';
      else if (c.name === 'audit_log' && col.name === 'entity_id') kind = 'id_text';
      return { name: col.name, type, notNull: col.notNull, kind, ...(references ? { references } : {}) };
    });
  const key = (c.primaryKeys[0]?.columns ?? c.columns.filter((col) => col.primary)).map((col) => col.name);
  return { columns, key };
}

/** Every archived table, parents before children (foreign keys), `workspaces` and `users` first. */
export function archivePlan(): TablePlan[] {
  const byName = new Map<string, TablePlan>();
  const deps = new Map<string, Set<string>>();
  for (const t of tables) {
    const c = getTableConfig(t);
    const workspaceTable = c.columns.some((col) => col.name === 'workspace_id');
    if (!(workspaceTable || c.name === 'workspaces' || c.name === 'users') || EXCLUDED_TABLES[c.name])
      continue;
    byName.set(c.name, {
      name: c.name,
      ...columnPlan(t),
      ...(CSV_TABLES[c.name] ? { csv: CSV_TABLES[c.name] } : {}),
    });
    deps.set(
      c.name,
      new Set(
        c.foreignKeys
          .map((fk) => getTableConfig(fk.reference().foreignTable).name)
          .filter((n) => n !== c.name),
      ),
    );
  }
  const ordered: TablePlan[] = [];
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name) || !byName.has(name)) return;
    seen.add(name);
    for (const d of [...(deps.get(name) ?? [])].sort()) visit(d);
    ordered.push(byName.get(name)!);
  };
  for (const first of ['workspaces', 'users']) visit(first);
  for (const name of [...byName.keys()].sort()) visit(name);
  return ordered;
}

/** Names of the workspace tables (a `workspace_id` column), from the schema. */
export function workspaceTableNames(): string[] {
  return tables
    .map((t) => getTableConfig(t))
    .filter((c) => c.columns.some((col) => col.name === 'workspace_id'))
    .map((c) => c.name)
    .sort();
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

// ---------------------------------------------------------------------------------------------
// Export

export interface ArchiveFile {
  name: string;
  table: string;
  format: 'jsonl' | 'csv';
  rows: number;
  sha256: string;
  description: string;
  columns?: ColumnPlan[];
}

export interface Manifest {
  format: typeof ARCHIVE_FORMAT;
  formatVersion: number;
  evergreenVersion: string;
  exportedAt: string;
  workspace: { id: string; slug: string; name: string };
  includesPaymentDetails: boolean;
  files: ArchiveFile[];
  excludedTables: { table: string; reason: string }[];
  excludedColumns: { column: string; reason: string }[];
  rebuiltOnImport: { table: string; reason: string }[];
}

/** A file written line by line with backpressure, hashed as it goes. */
class LineFile {
  private readonly out: WriteStream;
  private readonly hash = createHash('sha256');
  rows = 0;
  constructor(path: string) {
    this.out = createWriteStream(path);
  }
  async write(text: string) {
    this.hash.update(text);
    if (!this.out.write(text)) await new Promise<void>((r) => this.out.once('drain', () => r()));
  }
  async close(): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.out.once('error', reject);
      this.out.end(resolve);
    });
    return this.hash.digest('hex');
  }
}

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'string' ? neutralise(v) : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const TABLE_DESCRIPTIONS: Record<string, string> = {
  workspaces: 'the workspace itself (one row): name, currency, fiscal year, windows, time zone',
  users:
    'the people the workspace refers to (members, authors of its rows): id, email, name, locale; no passwords',
  memberships: 'who is a member of the workspace, with their role',
  customer_facts: `per-customer facts; ${REBUILT.customer_facts}`,
  creator_period_facts: `per-creator sums by day and month; ${REBUILT.creator_period_facts}`,
  deliverables: 'posts and other deliverables, with the facts derived from their metric snapshots',
  orders: 'shop orders, with the creator and post each is attributed to',
};

export interface ExportOptions {
  slug: string;
  file: string;
  /** Decrypt creators' payment details into the archive (`payment_details`, plain text). */
  box?: SecretBox;
  includePaymentDetails?: boolean;
  now?: Date;
}

/** Writes the workspace `slug` to `file` (through `file.partial`); its manifest. */
export async function exportWorkspace(db: Db, opts: ExportOptions): Promise<Manifest> {
  if (opts.includePaymentDetails && !opts.box)
    throw new Error('Decrypting payment details needs the encryption key');
  const dir = mkdtempSync(join(tmpdir(), 'evergreen-export-'));
  const partial = `${opts.file}.partial`;
  try {
    const manifest = await db.transaction(async (tx) => {
      // One snapshot of the whole workspace, however long the export takes.
      await tx.execute(sql`set transaction isolation level repeatable read, read only`);
      const [w] = await queryRows<{ id: string; slug: string; name: string }>(
        tx as unknown as Db,
        sql`select id, slug, name from workspaces where slug = ${opts.slug}`,
      );
      if (!w) throw new Error(`No workspace with slug ${opts.slug}`);
      const files: ArchiveFile[] = [];
      for (const plan of archivePlan())
        files.push(...(await exportTable(tx as unknown as Db, dir, plan, w.id, opts)));
      const m: Manifest = {
        format: ARCHIVE_FORMAT,
        formatVersion: ARCHIVE_FORMAT_VERSION,
        evergreenVersion,
        exportedAt: (opts.now ?? new Date()).toISOString(),
        workspace: w,
        includesPaymentDetails: opts.includePaymentDetails === true,
        files,
        excludedTables: Object.entries(EXCLUDED_TABLES).map(([table, reason]) => ({ table, reason })),
        excludedColumns: Object.entries(EXCLUDED_COLUMNS).map(([column, reason]) => ({ column, reason })),
        rebuiltOnImport: Object.entries(REBUILT).map(([table, reason]) => ({ table, reason })),
      };
      return m;
    });
    writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    await create({ gzip: true, file: partial, cwd: dir, portable: true, strict: true }, [
      'manifest.json',
      ...manifest.files.map((f) => f.name),
    ]);
    renameSync(partial, opts.file);
    return manifest;
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Which rows of `plan` belong to the workspace (users: the ones its rows refer to). */
function rowsOf(plan: TablePlan, wsLiteral: string): string {
  if (plan.name === 'workspaces') return `id = ${wsLiteral}`;
  if (plan.name !== 'users') return `workspace_id = ${wsLiteral}`;
  const refs = archivePlan()
    .filter((p) => p.name !== 'users')
    .flatMap((p) =>
      p.columns
        .filter((c) => c.kind === 'user')
        .map((c) => `select ${ident(c.name)} from ${ident(p.name)} where workspace_id = ${wsLiteral}`),
    );
  return `id in (${refs.join(' union ')})`;
}

async function exportTable(db: Db, dir: string, plan: TablePlan, workspaceId: string, opts: ExportOptions) {
  if (!UUID.test(workspaceId)) throw new Error('Not a workspace id');
  const wsLiteral = `'${workspaceId}'`;
  // numeric as text (exact decimals); everything else as to_jsonb writes it (bytea as "\x…" hex).
  const cols = plan.columns.map((c) =>
    c.type.startsWith('numeric') ? `${ident(c.name)}::text as ${ident(c.name)}` : ident(c.name),
  );
  const secret = plan.name === 'creators' && opts.includePaymentDetails === true;
  if (secret) cols.push('payment_details_enc');
  const select = `select ${cols.join(', ')} from ${ident(plan.name)} where ${rowsOf(plan, wsLiteral)} order by ${plan.key.map(ident).join(', ')}`;
  await db.execute(
    sql.raw(
      `declare archive_rows no scroll cursor for select (to_jsonb(t)${secret ? " - 'payment_details_enc'" : ''})::text as j${secret ? ', t.payment_details_enc' : ''} from (${select}) t`,
    ),
  );
  const jsonl = new LineFile(join(dir, `${plan.name}.jsonl`));
  const csv = plan.csv ? new LineFile(join(dir, plan.csv)) : null;
  const csvColumns = plan.columns.map((c) => c.name).concat(secret ? ['payment_details'] : []);
  if (csv) await csv.write(`\uFEFF${csvColumns.join(',')}\r\n`);
  for (;;) {
    const batch = await queryRows<{ j: string; payment_details_enc?: string | null }>(
      db,
      sql.raw('fetch 1000 from archive_rows'),
    );
    if (!batch.length) break;
    let lines = '';
    let csvLines = '';
    for (const r of batch) {
      let row = JSON.parse(r.j) as Record<string, unknown>;
      if (secret)
        row = {
          ...row,
          payment_details: r.payment_details_enc ? opts.box!.open(r.payment_details_enc) : null,
        };
      lines += `${JSON.stringify(row)}\n`;
      if (csv) csvLines += `${csvColumns.map((c) => csvCell(row[c])).join(',')}\r\n`;
    }
    jsonl.rows += batch.length;
    await jsonl.write(lines);
    if (csv) {
      csv.rows += batch.length;
      await csv.write(csvLines);
    }
  }
  await db.execute(sql.raw('close archive_rows'));
  const description = TABLE_DESCRIPTIONS[plan.name] ?? `the workspace’s ${plan.name.replace(/_/g, ' ')}`;
  const columns = secret
    ? [
        ...plan.columns,
        { name: 'payment_details', type: 'text (decrypted JSON)', notNull: false, kind: 'value' as const },
      ]
    : plan.columns;
  const files: ArchiveFile[] = [
    {
      name: `${plan.name}.jsonl`,
      table: plan.name,
      format: 'jsonl',
      rows: jsonl.rows,
      sha256: await jsonl.close(),
      description,
      columns,
    },
  ];
  if (csv && plan.csv)
    files.push({
      name: plan.csv,
      table: plan.name,
      format: 'csv',
      rows: csv.rows,
      sha256: await csv.close(),
      description: `${description}, for spreadsheets (UTF-8 with BOM, CRLF; the same columns as ${plan.name}.jsonl; lists and objects as JSON; cells a spreadsheet would run as formulas start with ')`,
    });
  return files;
}

// ---------------------------------------------------------------------------------------------
// Import

export class ArchiveError extends Error {}

export interface ImportOptions {
  file: string;
  /** The new workspace's slug (default: the archived one). */
  slug?: string;
  /** Seals imported payment details with this installation's key. */
  box: SecretBox;
}

export interface ImportResult {
  workspaceId: string;
  slug: string;
  rows: Record<string, number>;
  /** People who had no account here: created without a password. */
  createdUsers: string[];
  /** People matched by email to an account already here. */
  matchedUsers: string[];
  /** The id each archived id has in this installation (tests compare with it). */
  mapId: (old: string) => string;
  manifest: Manifest;
}

/** A fresh id for every archived uuid, derived from a salt of this import: consistent wherever the id appears. */
function idMapper(salt: Buffer) {
  return (old: string): string => {
    const h = createHash('sha256').update(salt).update(old.toLowerCase()).digest();
    h[6] = (h[6]! & 0x0f) | 0x40;
    h[8] = (h[8]! & 0x3f) | 0x80;
    const x = h.subarray(0, 16).toString('hex');
    return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
  };
}

async function extractArchive(file: string, dir: string) {
  const problems: string[] = [];
  await extract({
    file,
    cwd: dir,
    preserveOwner: false,
    filter: (path, entry) => {
      const type = (entry as ReadEntry).type;
      // Repacked with the system's tar (`tar czf a.tar.gz -C dir .`): a "./" entry, "./name" files.
      if ((path === '.' || path === './') && type === 'Directory') return false;
      const name = path.replace(/^\.\//, '');
      const why =
        refusedEntry(path, type) ??
        (type !== 'Directory' && /^[a-z0-9_-][a-z0-9_.-]*$/.test(name)
          ? null
          : 'not a file of a workspace archive');
      if (why) problems.push(`${path}: ${why}`);
      return !why;
    },
    onwarn: (code, message) => problems.push(`${code}: ${message}`),
  }).catch((err: Error) => {
    throw new ArchiveError(
      `${file} is not a complete workspace archive (${err.message}); nothing was imported`,
    );
  });
  if (problems.length)
    throw new ArchiveError(
      `${file} is not a usable workspace archive, nothing was imported:\n  ${problems.slice(0, 10).join('\n  ')}`,
    );
}

async function sha256Of(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

function readManifest(dir: string, file: string): Manifest {
  let m: Manifest;
  try {
    m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  } catch {
    throw new ArchiveError(
      `${file} has no readable manifest.json: not a workspace archive; nothing was imported`,
    );
  }
  if (m?.format !== ARCHIVE_FORMAT || !Number.isInteger(m.formatVersion))
    throw new ArchiveError(
      `${file} is not an Evergreen workspace archive (manifest format "${String(m?.format)}")`,
    );
  if (m.formatVersion > ARCHIVE_FORMAT_VERSION)
    throw new ArchiveError(
      `${file} is archive format ${m.formatVersion} (written by Evergreen ${m.evergreenVersion}); this Evergreen (${evergreenVersion}) reads format ${ARCHIVE_FORMAT_VERSION} and older: upgrade Evergreen, then import it; nothing was imported`,
    );
  if (!m.workspace || !UUID.test(String(m.workspace.id)) || !Array.isArray(m.files))
    throw new ArchiveError(`${file}: manifest.json names no workspace or files; nothing was imported`);
  return m;
}

/** Imports the archive `opts.file` as a new workspace, all or nothing. */
export async function importArchive(db: Db, opts: ImportOptions): Promise<ImportResult> {
  const dir = mkdtempSync(join(tmpdir(), 'evergreen-import-'));
  try {
    await extractArchive(opts.file, dir);
    const m = readManifest(dir, opts.file);
    const plans = archivePlan();
    const known = new Map(plans.map((p) => [p.name, p]));
    const jsonl = new Map<string, ArchiveFile>();
    for (const f of m.files) {
      if (f.format !== 'jsonl') continue;
      const plan = known.get(f.table);
      if (!plan || f.name !== `${f.table}.jsonl`)
        throw new ArchiveError(
          `${opts.file}: ${f.name} holds a table this Evergreen does not know (${f.table}); nothing was imported`,
        );
      const ours = new Set(
        plan.columns.map((c) => c.name).concat(f.table === 'creators' ? ['payment_details'] : []),
      );
      const extra = (f.columns ?? []).map((c) => c.name).filter((c) => !ours.has(c));
      if (extra.length)
        throw new ArchiveError(
          `${opts.file}: ${f.name} has columns this Evergreen does not know (${extra.join(', ')}); nothing was imported`,
        );
      const path = join(dir, f.name);
      let actual: string;
      try {
        statSync(path);
        actual = await sha256Of(path);
      } catch {
        throw new ArchiveError(`${opts.file}: ${f.name} is missing; nothing was imported`);
      }
      if (actual !== f.sha256)
        throw new ArchiveError(
          `${opts.file}: ${f.name} does not match its checksum in the manifest (damaged or changed); nothing was imported`,
        );
      jsonl.set(f.table, f);
    }
    for (const required of ['workspaces', 'users', 'memberships'])
      if (!jsonl.has(required))
        throw new ArchiveError(`${opts.file}: ${required}.jsonl is missing; nothing was imported`);

    const mapId = idMapper(randomBytes(16));
    const oldWs = m.workspace.id.toLowerCase();
    const newWs = randomUUID();
    const slug = opts.slug ?? m.workspace.slug;
    const userMap = new Map<string, string>();
    const createdUsers: string[] = [];
    const matchedUsers: string[] = [];
    const rows: Record<string, number> = {};

    const remapAny = (v: unknown): unknown => {
      if (typeof v === 'string') {
        if (!UUID.test(v)) return v;
        const k = v.toLowerCase();
        return k === oldWs ? newWs : (userMap.get(k) ?? mapId(k));
      }
      if (Array.isArray(v)) return v.map(remapAny);
      if (v && typeof v === 'object')
        return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, remapAny(x)]));
      return v;
    };

    await db.transaction(async (tx) => {
      const t = tx as unknown as Db;
      const [taken] = await queryRows<{ id: string }>(t, sql`select id from workspaces where slug = ${slug}`);
      if (taken)
        throw new ArchiveError(
          `A workspace with slug "${slug}" exists on this installation: pass --slug NEW; nothing was imported`,
        );
      for (const plan of plans) {
        const f = jsonl.get(plan.name);
        if (!f) continue; // an archive of an older format without this table: the table stays empty
        const present = (f.columns ?? plan.columns).map((c) => c.name);
        const where = `${plan.name}.jsonl`;
        let n = 0;
        let batch: Record<string, unknown>[] = [];
        let firstLine = 1;
        const flush = async () => {
          if (!batch.length) return;
          await insertBatch(
            t,
            plan,
            present,
            batch,
            `${where} lines ${firstLine}–${firstLine + batch.length - 1}`,
          );
          firstLine += batch.length;
          batch = [];
        };
        const lines = createInterface({
          input: createReadStream(join(dir, f.name), 'utf8'),
          crlfDelay: Number.POSITIVE_INFINITY,
        });
        for await (const line of lines) {
          n++;
          if (!line.trim()) throw new ArchiveError(`${where} line ${n} is empty; nothing was imported`);
          let row: Record<string, unknown>;
          try {
            row = JSON.parse(line) as Record<string, unknown>;
          } catch {
            throw new ArchiveError(`${where} line ${n} is not JSON; nothing was imported`);
          }
          if (!row || typeof row !== 'object' || Array.isArray(row))
            throw new ArchiveError(`${where} line ${n} is not a row; nothing was imported`);
          if (plan.name === 'users') {
            await importUser(t, row, userMap, createdUsers, matchedUsers, `${where} line ${n}`);
            continue;
          }
          const out = remapRow(plan, row, {
            oldWs,
            newWs,
            mapId,
            userMap,
            remapAny,
            at: `${where} line ${n}`,
          });
          if (plan.name === 'workspaces') {
            if (n > 1) throw new ArchiveError(`${where} holds more than one workspace; nothing was imported`);
            out.slug = slug;
            out.is_demo = false;
          }
          if (plan.name === 'creators') {
            const details = row.payment_details;
            delete out.payment_details;
            out.payment_details_enc = typeof details === 'string' && details ? opts.box.seal(details) : null;
            if (!out.payment_details_enc) out.payment_details_mask = null;
          }
          if (plan.name === 'outbox_messages' && (out.status === 'queued' || out.status === 'sending')) {
            // Not sent here: the installation it came from may still send it.
            out.status = 'cancelled';
            out.last_error = 'imported from a workspace archive before it was sent';
          }
          if (REBUILT[plan.name]) continue;
          batch.push(out);
          if (batch.length >= 500) await flush();
        }
        await flush();
        if (n !== f.rows)
          throw new ArchiveError(
            `${where} has ${n} rows, its manifest says ${f.rows} (cut short?); nothing was imported`,
          );
        if (plan.name === 'workspaces' && n !== 1)
          throw new ArchiveError(`${where} holds no workspace; nothing was imported`);
        rows[plan.name] = n;
      }
      if (!rows.memberships || rows.memberships < 1)
        throw new ArchiveError(`${opts.file}: the workspace has no members; nothing was imported`);
      for (const ref of SOFT_REFERENCES) {
        const [bad] = await queryRows<{ n: number }>(
          t,
          sql.raw(`select count(*)::int as n from ${ident(ref.table)} x where x.workspace_id = '${newWs}'
            and x.${ident(ref.column)} is not null and not exists (select 1 from ${ident(ref.to)} y
              where y.workspace_id = x.workspace_id and y.id = x.${ident(ref.column)})`),
        );
        if (bad && Number(bad.n) > 0)
          throw new ArchiveError(
            `${ref.table}.jsonl: ${bad.n} row(s) point (${ref.column}) to ${ref.to} that are not in the archive; nothing was imported`,
          );
      }
      // Derived facts: customer_facts from the orders, creator_period_facts by its triggers.
      await refreshCustomerFacts(t, newWs, undefined, { fresh: true });
      // The last entry of the imported log says where it came from (no user: the CLI did it).
      await recordAudit(
        t,
        { workspaceId: newWs, role: 'owner', userId: null, tokenId: null },
        {
          action: 'workspace.imported',
          entityType: 'workspace',
          entityId: newWs,
          changes: {
            archivedWorkspace: m.workspace,
            exportedAt: m.exportedAt,
            evergreenVersion: m.evergreenVersion,
            formatVersion: m.formatVersion,
            includesPaymentDetails: m.includesPaymentDetails,
            createdUsers,
            matchedUsers,
          },
        },
        new Date(),
      );
    });
    return { workspaceId: newWs, slug, rows, createdUsers, matchedUsers, mapId, manifest: m };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface RemapContext {
  oldWs: string;
  newWs: string;
  mapId: (old: string) => string;
  userMap: Map<string, string>;
  remapAny: (v: unknown) => unknown;
  at: string;
}

function remapRow(plan: TablePlan, row: Record<string, unknown>, cx: RemapContext): Record<string, unknown> {
  const out: Record<string, unknown> = { ...row };
  for (const c of plan.columns) {
    const v = row[c.name];
    if (c.kind === 'serial') {
      delete out[c.name]; // a new id from this installation's sequence, in the archive's order
      continue;
    }
    if (v === null || v === undefined) continue;
    switch (c.kind) {
      case 'workspace':
        if (typeof v !== 'string' || v.toLowerCase() !== cx.oldWs)
          throw new ArchiveError(
            `${cx.at}: ${c.name} ${String(v)} is not the archived workspace (${cx.oldWs}); nothing was imported`,
          );
        out[c.name] = cx.newWs;
        break;
      case 'user': {
        const u = typeof v === 'string' ? cx.userMap.get(v.toLowerCase()) : undefined;
        if (!u && c.notNull)
          throw new ArchiveError(
            `${cx.at}: ${c.name} refers to a person not in users.jsonl; nothing was imported`,
          );
        out[c.name] = u ?? null;
        break;
      }
      case 'token':
        out[c.name] = null; // API tokens are not archived
        break;
      case 'uuid':
        if (typeof v !== 'string' || !UUID.test(v))
          throw new ArchiveError(`${cx.at}: ${c.name} is not an id; nothing was imported`);
        out[c.name] = cx.mapId(v);
        break;
      case 'json':
      case 'id_text':
        out[c.name] = cx.remapAny(v);
        break;
      default:
        break;
    }
  }
  return out;
}

async function importUser(
  db: Db,
  row: Record<string, unknown>,
  userMap: Map<string, string>,
  created: string[],
  matched: string[],
  at: string,
) {
  const { id, email, name, locale } = row as {
    id?: unknown;
    email?: unknown;
    name?: unknown;
    locale?: unknown;
  };
  if (
    typeof id !== 'string' ||
    !UUID.test(id) ||
    typeof email !== 'string' ||
    !email.includes('@') ||
    typeof name !== 'string'
  )
    throw new ArchiveError(`${at}: not a person (id, email, name); nothing was imported`);
  const [here] = await queryRows<{ id: string }>(
    db,
    sql`select id from users where lower(email) = lower(${email})`,
  );
  if (here) {
    userMap.set(id.toLowerCase(), here.id);
    matched.push(email);
    return;
  }
  const [made] = await queryRows<{ id: string }>(
    db,
    sql`insert into users (email, name, locale, password_hash) values (${email}, ${name},
      ${typeof locale === 'string' ? locale : 'en'}, null) returning id`,
  );
  userMap.set(id.toLowerCase(), made!.id);
  created.push(email);
}

async function insertBatch(
  db: Db,
  plan: TablePlan,
  present: string[],
  batch: Record<string, unknown>[],
  at: string,
) {
  const cols = plan.columns
    .map((c) => c.name)
    .filter((c) => present.includes(c) || (plan.name === 'creators' && c === 'payment_details_enc'))
    .filter((c) => !plan.columns.some((p) => p.name === c && p.kind === 'serial'));
  if (plan.name === 'creators' && !cols.includes('payment_details_enc')) cols.push('payment_details_enc');
  const list = cols.map(ident).join(', ');
  try {
    await db.execute(
      sql`${sql.raw(`insert into ${ident(plan.name)} (${list}) select ${list} from jsonb_populate_recordset(null::${ident(plan.name)}, `)}${JSON.stringify(batch)}${sql.raw('::jsonb)')}`,
    );
  } catch (err) {
    const e = ((err as { cause?: unknown }).cause ?? err) as {
      code?: string;
      message?: string;
      constraint?: string;
    };
    const why =
      e.code === '23503'
        ? `a row refers to a row that is not in the archive (${e.constraint ?? 'foreign key'})`
        : e.code === '23505'
          ? `a row repeats a key (${e.constraint ?? 'unique'})`
          : (e.message ?? String(err));
    throw new ArchiveError(`${at}: ${why}; nothing was imported`);
  }
}
