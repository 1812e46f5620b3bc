import { randomUUID } from 'node:crypto';
import {
  type AuditAction,
  type AuditEntityType,
  type CreatorImportPreview,
  type CreatorImportResult,
  type CsvImportMode,
  type CsvPreviewRow,
  createCreatorRequest,
  type Handle,
  type Platform,
  platforms,
  type Rate,
  updateCreatorRequest,
} from '@evergreen/contracts';
import {
  auditLog,
  creatorEvents,
  creatorHandles,
  creatorRates,
  creators,
  type Db,
  memberships,
  users,
} from '@evergreen/db';
import { and, eq, ne } from 'drizzle-orm';
import { recordAudit } from '../../audit/index.ts';
import { type MappingRequest, mappedTable } from '../../imports/index.ts';
import { requireRole } from '../../shared/access.ts';
import { fileFormats } from '../../shared/column-values.ts';
import type { Actor, ActorCtx } from '../../shared/context.ts';
import { readCsv } from '../../shared/csv-text.ts';
import { rethrowConflict } from '../../shared/db-errors.ts';
import { AppError, rowErrorsToAppError } from '../../shared/errors.ts';
import { orNull } from '../../shared/fields.ts';
import { replaceHandles, replaceRates } from '../queries.ts';
import { PROFESSIONALISM_TIER1_MAX, professionalismOf } from '../tier-eligibility.ts';
import {
  type Column,
  type CsvCreatorOut,
  type CsvCreatorRow,
  type CsvCreatorValues,
  columnOfField,
  RATE_PREFIX,
  readHeader,
  readRow,
} from './columns.ts';

/**
 * CSV import of creators (docs/csv.md), in two steps: a preview that says what each row would
 * do, and the import itself, all or nothing or only the valid rows, in one transaction.
 * A row matches an existing creator by external_id, else email, else any handle; a matched row
 * updates the columns the file has, an unmatched row creates a creator.
 */

export const CSV_IMPORT_REASON = 'CSV import';

/** A creator as the import compares it: the fields the export writes, with the owner's id instead of their email. */
interface Existing extends Omit<CsvCreatorOut, 'ownerEmail'> {
  id: string;
  ownerUserId: string | null;
}

interface WorkspaceState {
  creators: Map<string, Existing>;
  byExternalId: Map<string, string>;
  byEmail: Map<string, string>;
  byHandle: Map<string, string>;
  /** Team members who may own creators, by lower-case email. */
  members: Map<string, string>;
  /** Creators the team rates 2 or less on professionalism: a file may not move them to Tier 1. */
  notTier1: Set<string>;
}

const handleKey = (platform: string, handle: string) => `${platform}:${handle.toLowerCase()}`;

async function loadState(db: Db, workspaceId: string): Promise<WorkspaceState> {
  const rows = await db
    .select({
      id: creators.id,
      externalId: creators.externalId,
      displayName: creators.displayName,
      legalName: creators.legalName,
      greetingName: creators.greetingName,
      email: creators.email,
      tier: creators.tier,
      status: creators.status,
      ownerUserId: creators.ownerUserId,
      markets: creators.markets,
      languages: creators.languages,
      tags: creators.tags,
      preferredChannel: creators.preferredChannel,
      leadTimeDays: creators.leadTimeDays,
      cadenceDaysOverride: creators.cadenceDaysOverride,
      briefingStyle: creators.briefingStyle,
      boundaries: creators.boundaries,
      notes: creators.notes,
    })
    .from(creators)
    .where(eq(creators.workspaceId, workspaceId));
  const state: WorkspaceState = {
    creators: new Map(),
    byExternalId: new Map(),
    byEmail: new Map(),
    byHandle: new Map(),
    members: new Map(),
    notTier1: new Set(),
  };
  for (const r of rows) {
    state.creators.set(r.id, { ...r, handles: [], rates: [] });
    if (r.externalId) state.byExternalId.set(r.externalId, r.id);
    if (r.email) state.byEmail.set(r.email.toLowerCase(), r.id);
  }
  const professionalism = await professionalismOf(db, workspaceId, [...state.creators.keys()]);
  for (const [id, p] of professionalism) if (p <= PROFESSIONALISM_TIER1_MAX) state.notTier1.add(id);
  const handles = await db.select().from(creatorHandles).where(eq(creatorHandles.workspaceId, workspaceId));
  for (const h of handles) {
    state.creators.get(h.creatorId)?.handles.push({ platform: h.platform, handle: h.handle, url: h.url });
    state.byHandle.set(handleKey(h.platform, h.handle), h.creatorId);
  }
  const rates = await db.select().from(creatorRates).where(eq(creatorRates.workspaceId, workspaceId));
  for (const r of rates) {
    state.creators.get(r.creatorId)?.rates.push({
      deliverableType: r.deliverableType,
      amountMinor: r.amountMinor,
      currency: r.currency,
    });
  }
  const team = await db
    .select({ userId: memberships.userId, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, workspaceId), ne(memberships.role, 'creator')));
  for (const m of team) state.members.set(m.email.toLowerCase(), m.userId);
  return state;
}

/** The fields of a creator an import writes (everything but handles, rates and payment details). */
type CreatorFields = Omit<Existing, 'id' | 'handles' | 'rates'>;

interface Planned extends CsvPreviewRow {
  create?: { fields: CreatorFields; handles: Handle[]; rates: Rate[] };
  update?: {
    before: Existing;
    patch: Partial<CreatorFields>;
    handles: Handle[] | null;
    rates: Rate[] | null;
  };
}

interface Plan {
  columns: string[];
  rows: Planned[];
}

/** A new creator's optional fields the file may leave empty (stored as null). */
const OPTIONAL_FIELDS = [
  'externalId',
  'legalName',
  'greetingName',
  'email',
  'preferredChannel',
  'leadTimeDays',
  'cadenceDaysOverride',
  'briefingStyle',
  'boundaries',
  'notes',
] as const;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const platformOrder = (p: Platform) => platforms.indexOf(p);

/** Maps a contracts validation issue back to the CSV column it came from. */
function columnOfIssue(path: readonly PropertyKey[], handles: Handle[], rates: Rate[]): string | null {
  const [key, index] = path;
  if (key === 'handles' && typeof index === 'number') return handles[index]?.platform ?? null;
  if (key === 'rates' && typeof index === 'number') {
    const t = rates[index]?.deliverableType;
    return t ? `${RATE_PREFIX}${t}` : null;
  }
  if (key === 'ownerUserId') return 'owner_email';
  return typeof key === 'string' && key in columnOfField
    ? columnOfField[key as keyof CsvCreatorValues]
    : null;
}

/** Reads the file and decides, row by row, what the import would do. Writes nothing. */
async function planImport(db: Db, workspaceId: string, csv: string, mapping?: MappingRequest): Promise<Plan> {
  const table = await mappedTable(db, workspaceId, 'creators', readCsv(csv), mapping);
  const header = readHeader(table.header);
  if (header.errors.length) throw rowErrorsToAppError(header.errors, 'The header row has errors');
  if (!table.records.length)
    throw new AppError('validation_failed', 'The file has a header row but no creators', [
      { field: 'csv', message: 'has a header row but no creators', code: 'empty' },
    ]);
  const columns: Column[] = header.columns;
  const rateStyles = fileFormats(
    table.records,
    {
      numbers: columns.flatMap((c, i): [string, number][] => (c.kind === 'rate' ? [[c.name, i]] : [])),
      dates: [],
    },
    table.options,
  ).decimal;
  const state = await loadState(db, workspaceId);

  // What earlier rows of the file claim: the first row wins, a later one is an error.
  const claimedCreator = new Map<string, number>();
  const claimedExternalId = new Map<string, number>();
  const claimedEmail = new Map<string, number>();
  const claimedHandle = new Map<string, number>();
  const nameOf = (id: string) => `"${state.creators.get(id)?.displayName ?? id}"`;

  const rows = table.records.map((record): Planned => {
    const parsed: CsvCreatorRow = readRow(record, columns, rateStyles);
    const v = parsed.values;
    const errors = parsed.errors;
    const err = (column: string | null, message: string, code: string) =>
      errors.push({ row: parsed.row, column, message, code });
    const planned = (p: Partial<Planned>): Planned => ({
      row: parsed.row,
      action: 'error',
      creatorId: null,
      matchedBy: null,
      displayName: v.displayName ?? null,
      changes: [],
      errors,
      ...p,
    });
    if (errors.some((e) => e.code === 'column_count')) return planned({});

    // Owner: a team member of this workspace, by email.
    let ownerUserId: string | null | undefined;
    if (v.ownerEmail !== undefined) {
      ownerUserId = v.ownerEmail === null ? null : (state.members.get(v.ownerEmail) ?? undefined);
      if (v.ownerEmail && !ownerUserId)
        err('owner_email', `${v.ownerEmail} is not a member of this workspace`, 'not_member');
    }

    // Matching: external_id, else email, else any handle.
    const rowHandles = Object.entries(parsed.handles)
      .filter((e): e is [Platform, string] => e[1] != null)
      .map(([platform, handle]) => ({ platform, handle }));
    let match: string | undefined;
    let matchedBy: string | null = null;
    let ambiguous = false;
    if (v.externalId) {
      match = state.byExternalId.get(v.externalId);
      if (match) matchedBy = 'external_id';
    }
    if (!match && v.email) {
      match = state.byEmail.get(v.email.toLowerCase());
      if (match) matchedBy = 'email';
    }
    if (!match) {
      for (const h of rowHandles) {
        const id = state.byHandle.get(handleKey(h.platform, h.handle));
        if (!id) continue;
        if (!match) {
          match = id;
          matchedBy = h.platform;
        } else if (id !== match) {
          ambiguous = true;
          err(
            h.platform,
            `${h.platform} ${h.handle} belongs to ${nameOf(id)} but ${matchedBy} belongs to ${nameOf(match)}`,
            'ambiguous_match',
          );
        }
      }
    }
    const existing = match ? state.creators.get(match) : undefined;
    if (existing && v.externalId && existing.externalId && existing.externalId !== v.externalId) {
      err(
        'external_id',
        `${matchedBy} matches ${nameOf(existing.id)}, whose external_id is ${existing.externalId}`,
        'external_id_mismatch',
      );
    }

    if (existing && v.tier === 1 && existing.tier !== 1 && state.notTier1.has(existing.id)) {
      err(
        'tier',
        `not eligible for Tier 1: professionalism rated ${PROFESSIONALISM_TIER1_MAX} or less`,
        'tier1_professionalism',
      );
    }

    // One creator per external id, email and handle: against the roster, then earlier rows.
    // (A known external_id is always the match, so only email and handles can be taken.)
    const takenBy = (id: string | undefined) => (id && id !== match ? id : undefined);
    if (v.email) {
      const o = takenBy(state.byEmail.get(v.email.toLowerCase()));
      if (o) err('email', `${v.email} belongs to another creator, ${nameOf(o)}`, 'taken');
    }
    for (const h of rowHandles) {
      const o = takenBy(state.byHandle.get(handleKey(h.platform, h.handle)));
      if (o && !errors.some((e) => e.column === h.platform))
        err(h.platform, `${h.handle} belongs to another creator, ${nameOf(o)}`, 'taken');
    }
    // One message per cell: a cell already refused above is not reported twice.
    const claim = (map: Map<string, number>, key: string, column: string, what: string) => {
      const first = map.get(key);
      if (first === undefined) map.set(key, parsed.row);
      else if (!errors.some((e) => e.column === column))
        err(column, `row ${first} ${what}`, 'duplicate_in_file');
    };
    if (match) claim(claimedCreator, match, matchedBy ?? 'display_name', 'matches the same creator');
    if (v.externalId) claim(claimedExternalId, v.externalId, 'external_id', 'has the same external_id');
    if (v.email) claim(claimedEmail, v.email.toLowerCase(), 'email', 'has the same email');
    for (const h of rowHandles)
      claim(claimedHandle, handleKey(h.platform, h.handle), h.platform, `has the same ${h.platform} handle`);

    // Handles pointing at two creators match neither.
    const base = {
      creatorId: ambiguous ? null : (existing?.id ?? null),
      matchedBy: ambiguous ? null : matchedBy,
      displayName: v.displayName ?? existing?.displayName ?? null,
    };
    if (errors.length) return planned(base);

    if (!existing) {
      const handles = rowHandles.sort((a, b) => platformOrder(a.platform) - platformOrder(b.platform));
      const rates: Rate[] = [...parsed.rates].flatMap(([deliverableType, r]) =>
        r ? [{ deliverableType, ...r }] : [],
      );
      const input = createCreatorRequest.safeParse({
        displayName: v.displayName,
        ...orNull(v, OPTIONAL_FIELDS),
        tier: v.tier ?? undefined,
        status: v.status ?? undefined,
        ownerUserId: ownerUserId ?? null,
        markets: v.markets ?? [],
        languages: v.languages ?? [],
        tags: v.tags ?? [],
        handles,
        rates,
      });
      if (!input.success) {
        for (const i of input.error.issues) err(columnOfIssue(i.path, handles, rates), i.message, i.code);
        return planned(base);
      }
      const d = input.data;
      return planned({
        ...base,
        action: 'create',
        create: {
          fields: {
            displayName: d.displayName,
            ...orNull(d, [...OPTIONAL_FIELDS, 'ownerUserId']),
            tier: d.tier,
            status: d.status,
            markets: d.markets,
            languages: d.languages,
            tags: d.tags,
          },
          handles: d.handles,
          rates: d.rates,
        },
      });
    }

    // An update: the columns the file has, where they differ. An empty tier or status keeps it.
    const patch: Partial<CreatorFields> = {};
    const changes: string[] = [];
    const set = <K extends keyof CreatorFields>(key: K, to: CreatorFields[K] | undefined, column: string) => {
      if (to === undefined || same(existing[key], to)) return;
      // Emails match case-insensitively; a file in other case changes nothing.
      if (key === 'email' && typeof to === 'string' && existing.email?.toLowerCase() === to.toLowerCase())
        return;
      patch[key] = to;
      changes.push(column);
    };
    for (const [key, to] of Object.entries(v) as [keyof CsvCreatorValues, unknown][]) {
      if (key === 'ownerEmail') continue;
      if ((key === 'tier' || key === 'status') && to == null) continue;
      set(key as keyof CreatorFields, to as never, columnOfField[key]);
    }
    set('ownerUserId', ownerUserId, 'owner_email');

    let handles: Handle[] | null = null;
    const platformsInFile = Object.keys(parsed.handles) as Platform[];
    if (platformsInFile.length) {
      const next = existing.handles.filter((h) => !(h.platform in parsed.handles));
      for (const p of platformsInFile) {
        const to = parsed.handles[p];
        if (!to) continue;
        const now = existing.handles.find((h) => h.platform === p);
        next.push(now && now.handle === to ? now : { platform: p, handle: to, url: null });
      }
      next.sort((a, b) => platformOrder(a.platform) - platformOrder(b.platform));
      const key = (hs: Handle[]) =>
        hs
          .map((h) => `${h.platform}:${h.handle}`)
          .sort()
          .join('\n');
      if (key(next) !== key(existing.handles)) {
        handles = next;
        for (const p of platformsInFile) {
          const a = existing.handles.find((h) => h.platform === p)?.handle ?? null;
          if (a !== (parsed.handles[p] ?? null)) changes.push(p);
        }
      }
    }

    let rates: Rate[] | null = null;
    if (parsed.rates.size) {
      const next = existing.rates.filter((r) => !parsed.rates.has(r.deliverableType));
      for (const [deliverableType, r] of parsed.rates) if (r) next.push({ deliverableType, ...r });
      const changed = [...parsed.rates].filter(([t, r]) => {
        const was = existing.rates.find((x) => x.deliverableType === t);
        return !same(
          was ? { a: was.amountMinor, c: was.currency } : null,
          r ? { a: r.amountMinor, c: r.currency } : null,
        );
      });
      if (changed.length) {
        rates = next.sort((a, b) => (a.deliverableType < b.deliverableType ? -1 : 1));
        for (const [t] of changed) changes.push(`${RATE_PREFIX}${t}`);
      }
    }

    // The same rules as a profile edit (updateCreator), tier aside.
    const { tier: _tier, ...rest } = patch;
    const check = updateCreatorRequest.safeParse({
      ...rest,
      ...(handles ? { handles } : {}),
      ...(rates ? { rates } : {}),
    });
    if (!check.success) {
      for (const i of check.error.issues)
        err(columnOfIssue(i.path, handles ?? [], rates ?? []), i.message, i.code);
      return planned(base);
    }
    if (!changes.length) return planned({ ...base, action: 'unchanged' });
    return planned({
      ...base,
      action: 'update',
      changes,
      update: { before: existing, patch, handles, rates },
    });
  });

  return { columns: columns.map((c) => c.name), rows };
}

const publicRow = ({ create: _c, update: _u, ...row }: Planned): CsvPreviewRow => row;

/** What importing this file would do, row by row. Writes nothing. */
export async function previewCreatorImport(
  { db, actor }: ActorCtx,
  csv: string,
  columns?: MappingRequest,
): Promise<CreatorImportPreview> {
  requireRole(actor, 'manager');
  const plan = await planImport(db, actor.workspaceId, csv, columns);
  const count = (a: Planned['action']) => plan.rows.filter((r) => r.action === a).length;
  return {
    columns: plan.columns,
    rows: plan.rows.map(publicRow),
    counts: {
      create: count('create'),
      update: count('update'),
      unchanged: count('unchanged'),
      error: count('error'),
    },
  };
}

const CHUNK = 500;
async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

interface EventRow {
  workspaceId: string;
  creatorId: string;
  kind: string;
  data: Record<string, unknown>;
  reason: string | null;
  byUserId: string | null;
  at: Date;
}

async function applyPlan(db: Db, actor: Actor, rows: Planned[], at: Date) {
  const ws = actor.workspaceId;
  const events: EventRow[] = [];
  const event = (creatorId: string, kind: string, data: Record<string, unknown>, reason: string | null) =>
    events.push({ workspaceId: ws, creatorId, kind, data, reason, byUserId: actor.userId, at });
  // The rows recordAudit would write for each tier change, written in batches (imports are large).
  const audits: (typeof auditLog.$inferInsert)[] = [];

  // New creators in batches: ids are made here, so handles and rates need no round trip.
  const creates = rows.flatMap((r) => (r.create ? [{ id: randomUUID(), row: r.row, ...r.create }] : []));
  await insertChunked(creates, (chunk) =>
    db
      .insert(creators)
      .values(chunk.map((c) => ({ id: c.id, workspaceId: ws, ...c.fields, createdAt: at, updatedAt: at }))),
  );
  const handleRows = creates.flatMap((c) =>
    c.handles.map((h) => ({
      workspaceId: ws,
      creatorId: c.id,
      platform: h.platform,
      handle: h.handle,
      url: h.url ?? null,
    })),
  );
  await insertChunked(handleRows, (chunk) => db.insert(creatorHandles).values(chunk));
  const rateRows = creates.flatMap((c) => c.rates.map((r) => ({ workspaceId: ws, creatorId: c.id, ...r })));
  await insertChunked(rateRows, (chunk) => db.insert(creatorRates).values(chunk));
  for (const c of creates) {
    event(
      c.id,
      'imported',
      { action: 'created', row: c.row, tier: c.fields.tier, status: c.fields.status },
      CSV_IMPORT_REASON,
    );
  }

  for (const r of rows) {
    if (!r.update) continue;
    const { before, patch, handles, rates } = r.update;
    const id = before.id;
    const where = and(eq(creators.workspaceId, ws), eq(creators.id, id));
    await db
      .update(creators)
      .set({ ...patch, updatedAt: at })
      .where(where);
    if (handles) await replaceHandles(db, ws, id, handles);
    if (rates) await replaceRates(db, ws, id, rates);
    // The timeline and audit entries a profile edit and a tier change write.
    if (patch.tier !== undefined) {
      event(id, 'tier_changed', { from: before.tier, to: patch.tier }, CSV_IMPORT_REASON);
      audits.push({
        workspaceId: ws,
        actorUserId: actor.userId,
        actorTokenId: actor.tokenId,
        action: 'creator.tier_changed' satisfies AuditAction,
        entityType: 'creator' satisfies AuditEntityType,
        entityId: id,
        changes: { tier: { from: before.tier, to: patch.tier }, reason: CSV_IMPORT_REASON },
        at,
      });
    }
    if (patch.status !== undefined)
      event(id, 'status_changed', { from: before.status, to: patch.status }, null);
    if (patch.ownerUserId !== undefined)
      event(id, 'owner_changed', { from: before.ownerUserId, to: patch.ownerUserId }, null);
    event(id, 'imported', { action: 'updated', row: r.row, changes: r.changes }, CSV_IMPORT_REASON);
  }
  await insertChunked(events, (chunk) => db.insert(creatorEvents).values(chunk));
  await insertChunked(audits, (chunk) => db.insert(auditLog).values(chunk));
  return { created: creates.length, updated: rows.filter((r) => r.update).length };
}

/**
 * Imports the file in one transaction. all_or_nothing: any row error answers 400 listing every
 * one, and nothing is written. valid_rows: the rows without errors are imported, the others
 * reported. One `creator.imported` audit entry carries the counts.
 */
export async function importCreators(
  { db, clock, actor }: ActorCtx,
  csv: string,
  mode: CsvImportMode,
  columns?: MappingRequest,
): Promise<CreatorImportResult> {
  requireRole(actor, 'manager');
  const at = clock.now();
  return db
    .transaction(async (tx) => {
      const plan = await planImport(tx, actor.workspaceId, csv, columns);
      const rowErrors = plan.rows.flatMap((r) => r.errors);
      if (mode === 'all_or_nothing' && rowErrors.length) {
        const bad = new Set(rowErrors.map((e) => e.row)).size;
        throw rowErrorsToAppError(
          rowErrors,
          `${bad} of ${plan.rows.length} rows have errors; nothing was imported`,
        );
      }
      const { created, updated } = await applyPlan(tx, actor, plan.rows, at);
      const result: CreatorImportResult = {
        mode,
        created,
        updated,
        unchanged: plan.rows.filter((r) => r.action === 'unchanged').length,
        skipped: plan.rows.filter((r) => r.action === 'error').length,
        errors: rowErrors.length,
        rowErrors,
      };
      const { rowErrors: _e, ...counts } = result;
      await recordAudit(
        tx,
        actor,
        {
          action: 'creator.imported',
          entityType: 'creator',
          entityId: null,
          changes: { ...counts, rows: plan.rows.length },
        },
        at,
      );
      return result;
    })
    .catch((e) =>
      rethrowConflict(
        e,
        'Another creator took this email, handle or external id during the import; try again',
      ),
    );
}
